import { randomBytes } from 'node:crypto';
import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import {
  OrganisationRepository,
  ScimClientRepository,
  type ScimClientEntity,
} from '@schakel/database';
import type { AuthenticatedUser } from '@schakel/identity';
import type { CreateScimClientDto, IssuedScimClientDto, ScimClientDto } from './scim-client.dto';
import { hashScimToken, SCIM_TOKEN_PREFIX } from './scim-auth.guard';

@Injectable()
export class ScimClientsService {
  constructor(
    private readonly clients: ScimClientRepository,
    private readonly organisations: OrganisationRepository,
  ) {}

  async list(): Promise<ScimClientDto[]> {
    return (await this.clients.list()).map(clientDto);
  }

  async issue(body: CreateScimClientDto, user: AuthenticatedUser): Promise<IssuedScimClientDto> {
    const known = new Set(
      (await this.organisations.findByIds(body.organisationIds)).map((o) => o.id),
    );
    const unknown = body.organisationIds.filter((id) => !known.has(id));
    if (unknown.length) {
      throw new UnprocessableEntityException({
        message: `Unknown organisation(s): ${unknown.join(', ')}`,
        errors: [
          { field: 'organisationIds', code: 'unknown-organisation', message: unknown.join(', ') },
        ],
      });
    }
    const token = `${SCIM_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const client = await this.clients.insert({
      name: body.name,
      tokenHash: hashScimToken(token),
      organisationIds: [...new Set(body.organisationIds)],
      createdBy: user.id,
    });
    return { ...clientDto(client), token };
  }

  async revoke(id: string): Promise<void> {
    if (!(await this.clients.revoke(id)))
      throw new NotFoundException(`No active SCIM client ${id}`);
  }
}

function clientDto(row: ScimClientEntity): ScimClientDto {
  return {
    id: row.id,
    name: row.name,
    organisationIds: row.organisationIds,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
  };
}
