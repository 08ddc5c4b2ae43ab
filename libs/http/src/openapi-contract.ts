import { STATUS_CODES } from 'node:http';
import { ApiResponse, type OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { IDEMPOTENCY_HEADER } from './idempotency.interceptor';

/** Where the common error body (ErrorBody in all-exceptions.filter.ts) is described once. */
export const ERROR_BODY_SCHEMA = 'ErrorBody';
const IDEMPOTENCY_PARAMETER = 'IdempotencyKey';

const ERROR_BODY: SchemaObject = {
  type: 'object',
  description: 'The one shape of every error answer (AllExceptionsFilter)',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 404 },
    error: { type: 'string', description: 'The HTTP reason phrase', example: 'Not Found' },
    message: { type: 'string', description: 'A sentence that says why' },
    code: {
      type: 'string',
      description:
        'What stands in the way of a refused case action (409, 422), e.g. `claimed-by-colleague`, `task-completed`, `escalation-resolved`; the `reason` an action is offered with (docs/api-contract.md)',
    },
    errors: {
      type: 'array',
      description: 'One entry per offending field, where the request had field problems',
      items: {
        type: 'object',
        properties: {
          field: { type: 'string', description: 'Dotted path, e.g. `data.amountOwed`' },
          reason: { type: 'string' },
        },
      },
    },
    requestId: { type: 'string', description: 'Quote it when reporting a problem' },
  },
};

/**
 * Headers that HTTP itself defines (content negotiation, the bearer token): described by the
 * operation's content types and security scheme, never as parameters a generated client must pass.
 */
const PROTOCOL_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** Paths whose errors have a shape of their own, e.g. SCIM's Error (RFC 7644) under /scim/. */
export interface ErrorShape {
  pathPrefix: string;
  mediaType: string;
  name: string;
  schema: SchemaObject;
}

const COMMON_ERROR_SHAPE: ErrorShape = {
  pathPrefix: '/',
  mediaType: 'application/json',
  name: ERROR_BODY_SCHEMA,
  schema: ERROR_BODY,
};

/** Terminus' readiness body (status, info, error, details) stays as monitoring tools expect it. */
const UNDESCRIBED_ERRORS = /^\/health/;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * A successful answer that is not a DTO (XML, YAML, Prometheus text, a SCIM resource): its media
 * type and schema, so every 2xx in the document says what its body is.
 */
export const ApiMediaResponse = (
  mediaType: string,
  description: string,
  schema: SchemaObject = { type: 'string' },
  status = 200,
) => ApiResponse({ status, description, content: { [mediaType]: { schema } } });

/**
 * `listCases`, `claimTasks`, `checkModels`: the handler's name followed by its controller's
 * resource, so two controllers' `list` stay apart; @ApiOperation({ operationId }) overrides it.
 */
export function operationIdFactory(controllerKey: string, methodKey: string): string {
  return `${methodKey}${controllerKey.replace(/Controller$/, '')}`;
}

function isReference(value: unknown): value is ReferenceObject {
  return typeof value === 'object' && value !== null && '$ref' in value;
}

/** One parameter per header (case-insensitively), the documented one winning; no protocol headers. */
function headerParameters(
  parameters: (ParameterObject | ReferenceObject)[],
  shared: Record<string, ParameterObject>,
): (ParameterObject | ReferenceObject)[] {
  const kept = new Map<string, ParameterObject | ReferenceObject>();
  for (const parameter of parameters) {
    if (isReference(parameter)) {
      kept.set(parameter.$ref, parameter);
      continue;
    }
    const name = parameter.name.toLowerCase();
    if (parameter.in !== 'header') kept.set(`${parameter.in}:${parameter.name}`, parameter);
    else if (PROTOCOL_HEADERS.has(name)) continue;
    else if (!kept.has(name) || parameter.description) kept.set(name, parameter);
  }
  const idempotency = kept.get(IDEMPOTENCY_HEADER.toLowerCase());
  if (idempotency && !isReference(idempotency)) {
    shared[IDEMPOTENCY_PARAMETER] = idempotency;
    kept.set(IDEMPOTENCY_HEADER.toLowerCase(), {
      $ref: `#/components/parameters/${IDEMPOTENCY_PARAMETER}`,
    });
  }
  return [...kept.values()];
}

/** The error statuses an operation can answer, from its shape. */
function errorStatuses(path: string, operation: OperationObject): number[] {
  const statuses = new Set<number>([503]);
  const documented = Object.keys(operation.responses).map(Number);
  for (const status of documented) if (status >= 400) statuses.add(status);
  if ((operation.parameters ?? []).length > 0 || operation.requestBody) statuses.add(400);
  if (operation.requestBody) [413, 415].forEach((status) => statuses.add(status));
  if ((operation.security ?? []).length > 0) [401, 403].forEach((status) => statuses.add(status));
  if (path.includes('{')) statuses.add(404);
  return [...statuses].sort((a, b) => a - b);
}

function withErrorBody(
  response: ResponseObject | ReferenceObject | undefined,
  status: number,
  shape: ErrorShape,
) {
  if (isReference(response)) return response;
  return {
    ...response,
    description: response?.description || (STATUS_CODES[status] ?? 'Error'),
    content: response?.content ?? {
      [shape.mediaType]: { schema: { $ref: `#/components/schemas/${shape.name}` } },
    },
  };
}

/**
 * OpenAPI 3.1 says "may be null" with JSON Schema's `null` type; @nestjs/swagger still writes 3.0's
 * `nullable: true`, so each one is rewritten in place.
 */
function toJsonSchemaNull(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(toJsonSchemaNull);
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Record<string, unknown>;
  if (schema.nullable === true) {
    delete schema.nullable;
    if (Array.isArray(schema.oneOf)) schema.oneOf = [...schema.oneOf, { type: 'null' }];
    else if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum)) schema.enum = [...schema.enum, null];
  }
  Object.values(schema).forEach(toJsonSchemaNull);
}

/**
 * Finishes the document @nestjs/swagger derives from the decorators, in one place instead of on
 * every method (docs/api-contract.md): OpenAPI 3.1, each header once and only where a client sets it, the
 * Idempotency-Key header as one shared optional parameter, and the common error body (or the
 * path's own error shape) referenced by every operation's error answers with the statuses that
 * operation can give; statuses particular to one operation (409, 429) come from its decorators.
 */
export function completeOpenApiDocument(
  document: OpenAPIObject,
  errorShapes: ErrorShape[] = [],
): OpenAPIObject {
  const components = document.components ?? {};
  const parameters = (components.parameters ?? {}) as Record<string, ParameterObject>;
  const shapes = [...errorShapes, COMMON_ERROR_SHAPE];
  components.schemas = {
    ...components.schemas,
    ...Object.fromEntries(shapes.map((shape) => [shape.name, shape.schema])),
  };
  for (const [path, item] of Object.entries(document.paths)) {
    const shape = shapes.find((candidate) => path.startsWith(candidate.pathPrefix));
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operation.parameters = headerParameters(operation.parameters ?? [], parameters);
      if (!shape || UNDESCRIBED_ERRORS.test(path)) continue;
      for (const status of errorStatuses(path, operation)) {
        operation.responses[status] = withErrorBody(operation.responses[status], status, shape);
      }
    }
  }
  components.parameters = parameters;
  document.components = components;
  toJsonSchemaNull(document);
  return { ...document, openapi: '3.1.0' };
}
