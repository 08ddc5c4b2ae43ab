import type { OpenAPIObject } from '@nestjs/swagger';
import { completeOpenApiDocument, operationIdFactory } from './openapi-contract';

const documentWith = (paths: OpenAPIObject['paths'], schemas = {}): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths,
  components: { schemas },
});

describe('completeOpenApiDocument', () => {
  it('keeps one parameter per header, the documented one, and drops protocol headers', () => {
    const document = completeOpenApiDocument(
      documentWith({
        '/x/{id}': {
          post: {
            parameters: [
              { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
              { name: 'x-namespace', in: 'header', required: true },
              { name: 'X-Namespace', in: 'header', required: false, description: 'documented' },
              { name: 'accept', in: 'header', required: true },
              { name: 'Content-Type', in: 'header', required: true },
            ],
            responses: { '200': { description: 'ok' } },
          },
        },
      }),
    );
    expect(document.paths['/x/{id}']?.post?.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
      { name: 'X-Namespace', in: 'header', required: false, description: 'documented' },
    ]);
  });

  it('shares the Idempotency-Key header as one optional component parameter', () => {
    const documented = {
      name: 'Idempotency-Key',
      in: 'header' as const,
      required: false,
      description: 'documented',
    };
    const document = completeOpenApiDocument(
      documentWith({
        '/a': {
          post: {
            parameters: [{ name: 'idempotency-key', in: 'header', required: true }, documented],
            responses: {},
          },
        },
      }),
    );
    expect(document.paths['/a']?.post?.parameters).toEqual([
      { $ref: '#/components/parameters/IdempotencyKey' },
    ]);
    expect(document.components?.parameters?.IdempotencyKey).toEqual(documented);
  });

  it('lists the error statuses an operation can give, each with the error body', () => {
    const document = completeOpenApiDocument(
      documentWith({
        '/cases/{caseId}': {
          get: {
            parameters: [{ name: 'caseId', in: 'path', required: true }],
            security: [{ bearer: [] }],
            responses: { '200': { description: 'ok' } },
          },
        },
        '/health': { get: { responses: { '200': { description: 'ok' } } } },
      }),
    );
    const responses = document.paths['/cases/{caseId}']?.get?.responses ?? {};
    expect(Object.keys(responses)).toEqual(['200', '400', '401', '403', '404', '503']);
    expect(responses['404']).toEqual({
      description: 'Not Found',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    });
    expect(Object.keys(document.paths['/health']?.get?.responses ?? {})).toEqual(['200']);
  });

  it('writes OpenAPI 3.1: nullable becomes the null type', () => {
    const document = completeOpenApiDocument(
      documentWith(
        {},
        {
          A: {
            type: 'object',
            properties: {
              at: { type: 'string', nullable: true },
              kind: { type: 'string', enum: ['a'], nullable: true },
              any: { nullable: true, oneOf: [{ type: 'number' }] },
            },
          },
        },
      ),
    );
    expect(document.openapi).toBe('3.1.0');
    expect(document.components?.schemas?.A).toEqual({
      type: 'object',
      properties: {
        at: { type: ['string', 'null'] },
        kind: { type: ['string', 'null'], enum: ['a', null] },
        any: { oneOf: [{ type: 'number' }, { type: 'null' }] },
      },
    });
  });
});

describe('operationIdFactory', () => {
  it("names an operation by its handler and its controller's resource", () => {
    expect(operationIdFactory('CasesController', 'list')).toBe('listCases');
  });
});
