/** URNs and discovery documents of the SCIM 2.0 server (RFC 7643 §5–7, RFC 7644 §4). */
export const CORE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCHAKEL_USER_EXTENSION = 'urn:schakel:params:scim:schemas:extension:2.0:User';
export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SERVICE_PROVIDER_CONFIG_SCHEMA =
  'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';

/** The roles SCIM may give; a caseworker comes from `organisationId`, admins only from the admin API. */
export const SCIM_CHAIN_ROLES = ['regisseur', 'operations', 'model-owner'] as const;
export const MAX_RESULTS = 200;

/** What the caller may provision: offered as canonical values so clients pick valid ones. */
export interface ProvisioningChoices {
  organisationIds: string[];
  chainIds: string[];
}

const attribute = (
  name: string,
  type: 'string' | 'boolean' | 'complex',
  description: string,
  extra: Record<string, unknown> = {},
) => ({
  name,
  type,
  multiValued: false,
  description,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
});

const meta = (base: string, resourceType: string, path: string) => ({
  resourceType,
  location: `${base}${path}`,
});

export function userSchemas(base: string, choices: ProvisioningChoices) {
  return [
    {
      schemas: [SCHEMA_SCHEMA],
      id: CORE_USER_SCHEMA,
      name: 'User',
      description: 'A person who signs in to Schakel',
      attributes: [
        attribute('userName', 'string', 'Unique sign-in name; OIDC tokens are matched on it', {
          required: true,
          uniqueness: 'server',
        }),
        attribute('displayName', 'string', 'The name shown to colleagues and on past events'),
        attribute('active', 'boolean', 'false deactivates: sessions end, claimed tasks go back'),
        attribute('password', 'string', 'Sets a local password where local accounts are enabled', {
          mutability: 'writeOnly',
          returned: 'never',
          caseExact: true,
        }),
      ],
      meta: meta(base, 'Schema', `/Schemas/${CORE_USER_SCHEMA}`),
    },
    {
      schemas: [SCHEMA_SCHEMA],
      id: SCHAKEL_USER_EXTENSION,
      name: 'SchakelUser',
      description: "The person's organisation and chain-scoped roles",
      attributes: [
        attribute('organisationId', 'string', 'The organisation the person is a caseworker of', {
          caseExact: true,
          canonicalValues: choices.organisationIds,
        }),
        attribute('roles', 'complex', 'Chain roles: regisseur, operations or model-owner', {
          multiValued: true,
          subAttributes: [
            attribute('role', 'string', 'The role', {
              caseExact: true,
              canonicalValues: [...SCIM_CHAIN_ROLES],
            }),
            attribute('chainId', 'string', 'The chain the role is for', {
              caseExact: true,
              canonicalValues: choices.chainIds,
            }),
          ],
        }),
      ],
      meta: meta(base, 'Schema', `/Schemas/${SCHAKEL_USER_EXTENSION}`),
    },
  ];
}

export function resourceTypes(base: string) {
  return [
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'People of the partner organisations',
      schema: CORE_USER_SCHEMA,
      schemaExtensions: [{ schema: SCHAKEL_USER_EXTENSION, required: false }],
      meta: meta(base, 'ResourceType', '/ResourceTypes/User'),
    },
  ];
}

export function serviceProviderConfig(base: string) {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    documentationUri: 'https://github.com/schakel/schakel/blob/main/docs/identity.md',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: true },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: "A SCIM client token an admin issued, or a platform admin's access token",
        primary: true,
      },
    ],
    meta: meta(base, 'ServiceProviderConfig', '/ServiceProviderConfig'),
  };
}

export const listResponse = <T>(resources: T[], total: number, startIndex: number) => ({
  schemas: [LIST_RESPONSE_SCHEMA],
  totalResults: total,
  startIndex,
  itemsPerPage: resources.length,
  Resources: resources,
});
