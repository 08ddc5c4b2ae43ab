import { ForbiddenException, UnprocessableEntityException } from '@nestjs/common';
import type { Grant, OrganisationRepository } from '@schakel/database';
import { RequestValidationError } from '@schakel/http';
import { chainsFor, isPlatformAdmin, type AuthenticatedUser } from '@schakel/identity';
import type { GrantInputDto } from './admin.dto';

/**
 * The chains the caller administers: null for the platform admin (every chain); 403 for a
 * caller who administers none.
 */
export function administeredChains(user: AuthenticatedUser): string[] | null {
  if (isPlatformAdmin(user)) return null;
  const chains = chainsFor(user, 'admin') ?? [];
  if (chains.length === 0) {
    throw new ForbiddenException(
      `This action needs the role admin; you are signed in as ${user.role}`,
    );
  }
  return chains;
}

/** A grant as stored, after its shape is checked: 400 naming the field that does not fit the role. */
export function grantOf(input: GrantInputDto, field: string): Grant {
  if (input.role === 'caseworker') {
    const problems = [
      ...(input.organisationId
        ? []
        : [{ field: `${field}.organisationId`, reason: 'is required' }]),
      ...(input.chainId
        ? [
            {
              field: `${field}.chainId`,
              reason: 'must be absent: a caseworker works in every chain of their organisation',
            },
          ]
        : []),
    ];
    if (problems.length) throw new RequestValidationError(problems);
    return { role: 'caseworker', organisationId: input.organisationId as string, chainId: null };
  }
  if (input.organisationId) {
    throw new RequestValidationError([
      { field: `${field}.organisationId`, reason: `must be absent for the role ${input.role}` },
    ]);
  }
  return { role: input.role, organisationId: null, chainId: input.chainId ?? null };
}

/**
 * Whether the caller may give (or take away) this grant: the platform admin any; a chain's admin
 * only chain roles for the chains they administer, and caseworkers of those chains' partners.
 */
export async function assertMayGrant(
  user: AuthenticatedUser,
  grant: Grant,
  field: string,
  organisations: OrganisationRepository,
): Promise<void> {
  if (grant.organisationId && !(await organisations.findById(grant.organisationId))) {
    throw new UnprocessableEntityException({
      message: `Unknown organisation '${grant.organisationId}'`,
      errors: [
        {
          field: `${field}.organisationId`,
          code: 'unknown-organisation',
          message: 'does not exist',
        },
      ],
    });
  }
  const chains = administeredChains(user);
  if (chains === null) return;
  const allowed = grant.organisationId
    ? (await organisations.chainsOf(grant.organisationId)).some((chain) => chains.includes(chain))
    : grant.chainId !== null && chains.includes(grant.chainId);
  if (!allowed) {
    throw new ForbiddenException(
      `You administer ${chains.join(', ')}; ${field} is outside those chains`,
    );
  }
}
