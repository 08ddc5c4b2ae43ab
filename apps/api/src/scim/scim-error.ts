import { HttpException } from '@nestjs/common';
import type { ErrorShape } from '@schakel/http';

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** How the OpenAPI document describes SCIM's errors (docs/api-contract.md). */
export const SCIM_ERROR_SHAPE: ErrorShape = {
  pathPrefix: '/scim/',
  mediaType: 'application/scim+json',
  name: 'ScimError',
  schema: {
    type: 'object',
    description: 'The error body of RFC 7644 §3.12',
    required: ['schemas', 'status'],
    properties: {
      schemas: { type: 'array', items: { type: 'string', enum: [SCIM_ERROR_SCHEMA] } },
      status: { type: 'string', example: '404' },
      scimType: { type: 'string' },
      detail: { type: 'string' },
    },
  },
};

/** The `scimType` values of RFC 7644 §3.12 this server uses. */
export type ScimType =
  | 'invalidFilter'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'invalidValue'
  | 'mutability'
  | 'noTarget'
  | 'uniqueness';

/** An error in the body RFC 7644 §3.12 prescribes; the SCIM exception filter writes it out. */
export class ScimError extends HttpException {
  constructor(status: number, detail: string, scimType?: ScimType) {
    super(
      {
        schemas: [SCIM_ERROR_SCHEMA],
        status: String(status),
        ...(scimType ? { scimType } : {}),
        detail,
      },
      status,
    );
    this.message = detail;
  }
}

export const invalidValue = (detail: string) => new ScimError(400, detail, 'invalidValue');
