import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestStack, type TestStack } from './support/test-stack';
import { REPOSITORY_ROOT } from './support/test-environment';

const run = promisify(execFile);

/** The console's API types, generated from this document by openapi-typescript and committed. */
const GENERATED_SCHEMA = join(REPOSITORY_ROOT, 'apps/web/src/api/schema.d.ts');
/** Set to write the generated types instead of comparing them (docs/api-contract.md). */
const UPDATE_SCHEMA = process.env.SCHAKEL_UPDATE_API_SCHEMA === '1';

interface Operation {
  operationId?: string;
  parameters?: ({ name: string; in: string; required?: boolean } | { $ref: string })[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: {
    parameters: Record<string, { name: string; required?: boolean }>;
    schemas: Record<string, unknown>;
  };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function operationsOf(document: OpenApiDocument): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]): [string, Operation] => [
        `${method.toUpperCase()} ${path}`,
        operation,
      ]),
  );
}

describe('the OpenAPI document (docs/api-contract.md)', () => {
  let stack: TestStack;
  let document: OpenApiDocument;
  let directory: string;
  let documentFile: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false, relay: false });
    document = (await stack.http().get('/api/docs-json').expect(200)).body as OpenApiDocument;
    directory = await mkdtemp(join(tmpdir(), 'schakel-openapi-'));
    documentFile = join(directory, 'openapi.json');
    await writeFile(documentFile, JSON.stringify(document));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
    await stack.close();
  });

  it('is OpenAPI 3.1 and passes openapi-spec-validator with 0 errors', async () => {
    expect(document.openapi).toBe('3.1.0');
    expect(JSON.stringify(document)).not.toContain('"nullable"');
    const validator = join(REPOSITORY_ROOT, '.tools/bin/openapi-spec-validator');
    const result = await run(validator, ['--validation-errors', 'all', documentFile]).catch(
      (failure: { stdout: string; stderr: string }) => failure,
    );
    expect(`${result.stdout}${result.stderr}`).toContain('OK');
  });

  it('names every operation with a unique id of its own, not the framework default', () => {
    const ids = operationsOf(document).map(([, operation]) => operation.operationId ?? '');
    expect(ids.filter((id) => !/^[a-z][A-Za-z0-9]+$/.test(id) || /Controller_/.test(id))).toEqual(
      [],
    );
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    expect(ids).toEqual(expect.arrayContaining(['listCases', 'claimTasks', 'checkModels']));
  });

  it('declares each header once, optional where it is optional, and no protocol headers', () => {
    const headers = operationsOf(document).flatMap(([key, operation]) =>
      (operation.parameters ?? []).flatMap((parameter) =>
        'in' in parameter && parameter.in === 'header' ? [`${key} ${parameter.name}`] : [],
      ),
    );
    expect(
      headers.filter((header) => /(accept|content-type|authorization)$/i.test(header)),
    ).toEqual([]);
    expect(headers.filter((header) => /idempotency-key$/i.test(header))).toEqual([]);
    expect(document.components.parameters.IdempotencyKey).toMatchObject({
      name: 'Idempotency-Key',
      required: false,
    });
    const claim = document.paths['/tasks/{taskId}/claim']?.post;
    expect(claim?.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
  });

  it('describes the error bodies once and refers to them from every error answer', () => {
    const errorBody = (path: string) =>
      `#/components/schemas/${path.startsWith('/scim/') ? 'ScimError' : 'ErrorBody'}`;
    const claim = document.paths['/tasks/{taskId}/claim']?.post;
    for (const status of ['400', '401', '403', '404', '409', '422', '503']) {
      expect(claim?.responses[status]?.content?.['application/json']?.schema?.$ref).toBe(
        errorBody('/tasks'),
      );
    }
    const scimUser = document.paths['/scim/v2/Users/{id}']?.get;
    expect(scimUser?.responses['401']?.content?.['application/scim+json']?.schema?.$ref).toBe(
      errorBody('/scim/'),
    );
    const withoutErrorBody = operationsOf(document)
      .filter(([key]) => !/ \/health/.test(key))
      .filter(([key, operation]) =>
        Object.entries(operation.responses).some(
          ([status, response]) =>
            Number(status) >= 400 &&
            !Object.values(response.content ?? {}).some(
              (media) => media.schema?.$ref === errorBody(key.split(' ')[1] ?? ''),
            ),
        ),
      )
      .map(([key]) => key);
    expect(withoutErrorBody).toEqual([]);
    expect(Object.keys(document.paths['/auth/login']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['401', '429']),
    );
  });

  it('says what every object in a schema holds (no empty object a client cannot read)', () => {
    const empty: string[] = [];
    const visit = (schema: unknown, where: string): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const node = schema as Record<string, unknown>;
      if (node.type === 'object' && !node.properties && !node.additionalProperties) {
        empty.push(where);
      }
      for (const [key, value] of Object.entries(node)) visit(value, `${where}.${key}`);
    };
    visit(document.components.schemas, 'components.schemas');
    visit(document.paths, 'paths');
    expect(empty).toEqual([]);
  });

  it('describes the body of every successful answer', () => {
    const withoutBody = operationsOf(document)
      .filter(([, operation]) =>
        Object.entries(operation.responses).some(
          ([status, response]) => /^2/.test(status) && status !== '204' && !response.content,
        ),
      )
      .map(([key]) => key);
    expect(withoutBody).toEqual([]);
  });

  it("matches the console's committed generated types (apps/web/src/api/schema.d.ts)", async () => {
    const generated = join(directory, 'schema.d.ts');
    const generator = join(REPOSITORY_ROOT, 'node_modules/.bin/openapi-typescript');
    await run(generator, [documentFile, '--output', generated]);
    const types = await readFile(generated, 'utf8');
    if (UPDATE_SCHEMA) await writeFile(GENERATED_SCHEMA, types);
    expect(await readFile(GENERATED_SCHEMA, 'utf8')).toBe(types);
  });
});
