import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { unclaimTaskUpdate } from '@schakel/contracts';
import {
  OrganisationRepository,
  TaskRepository,
  UserRepository,
  type RoleGrantEntity,
  type UserEntity,
} from '@schakel/database';
import { RequestValidationError } from '@schakel/http';
import { hashPassword, type AuthenticatedUser } from '@schakel/identity';
import { CaseWorkflowClient } from '../cases/case-workflow.client';
import type {
  CreatePersonDto,
  GrantInputDto,
  PeopleQueryDto,
  PersonDto,
  PersonPageDto,
  UpdatePersonDto,
} from './admin.dto';
import { administeredChains, assertMayGrant, grantOf } from './grant-policy';

/** People and their grants, managed by the platform admin or a chain's admin within their chains. */
@Injectable()
export class PeopleService {
  private readonly logger = new Logger(PeopleService.name);

  constructor(
    private readonly users: UserRepository,
    private readonly organisations: OrganisationRepository,
    private readonly tasks: TaskRepository,
    private readonly workflows: CaseWorkflowClient,
  ) {}

  async list(query: PeopleQueryDto, user: AuthenticatedUser): Promise<PersonPageDto> {
    const chainIds = administeredChains(user);
    const [rows, total] = await this.users.search({ ...query, chainIds });
    return { items: await this.withGrants(rows), total };
  }

  async get(id: string, user: AuthenticatedUser): Promise<PersonDto> {
    return (await this.withGrants([await this.person(id, user)]))[0];
  }

  async create(body: CreatePersonDto, user: AuthenticatedUser): Promise<PersonDto> {
    const grants = body.grants.map((input, index) => grantOf(input, `grants[${index}]`));
    if (grants.length === 0 && administeredChains(user) !== null) {
      throw new RequestValidationError([
        { field: 'grants', reason: 'must hold at least one role in a chain you administer' },
      ]);
    }
    for (const [index, grant] of grants.entries()) {
      await assertMayGrant(user, grant, `grants[${index}]`, this.organisations);
    }
    const created = await this.users.create(
      {
        username: body.username,
        displayName: body.displayName,
        passwordHash: body.password ? await hashPassword(body.password) : null,
      },
      grants,
      user.id,
    );
    if (!created) throw new ConflictException(`The username '${body.username}' is taken`);
    return this.get(created.id, user);
  }

  async update(id: string, body: UpdatePersonDto, user: AuthenticatedUser): Promise<PersonDto> {
    await this.manageable(id, user);
    await this.users.update(id, {
      ...(body.displayName ? { displayName: body.displayName } : {}),
      ...(body.password ? { passwordHash: await hashPassword(body.password) } : {}),
    });
    return this.get(id, user);
  }

  async grant(id: string, input: GrantInputDto, user: AuthenticatedUser): Promise<PersonDto> {
    await this.person(id, user);
    const grant = grantOf(input, 'grant');
    await assertMayGrant(user, grant, 'grant', this.organisations);
    if (grant.role === 'caseworker') await this.assertOneOrganisation(id, grant.organisationId);
    await this.users.grant(id, grant, user.id);
    return this.get(id, user);
  }

  async revoke(id: string, grantId: string, user: AuthenticatedUser): Promise<PersonDto> {
    await this.person(id, user);
    const grant = (await this.users.grantsOf(id)).find((candidate) => candidate.id === grantId);
    if (!grant) throw new NotFoundException(`Person ${id} holds no grant ${grantId}`);
    await assertMayGrant(user, grant, 'grant', this.organisations);
    await this.users.revoke(id, grantId);
    return this.get(id, user);
  }

  /** Ends their sessions at once and releases their claimed tasks; their name stays on past events. */
  async deactivate(id: string, user: AuthenticatedUser): Promise<{ releasedTasks: number }> {
    await this.manageable(id, user);
    await this.users.deactivate(id);
    return { releasedTasks: await this.releaseTasks(id, user.displayName) };
  }

  /**
   * Hands every open task the person holds back to their organisation's pool through the case
   * workflow (the unclaim Update on their behalf), so the timeline shows `task.unclaimed` by the
   * platform: `Schakel (deactivation of <person> by <deactivatedBy>)`.
   * A task the workflow refuses to release (the case moved on meanwhile) is logged and skipped.
   */
  async releaseTasks(userId: string, deactivatedBy: string): Promise<number> {
    const person = await this.users.findById(userId);
    const systemActor = `Schakel (deactivation of ${person?.displayName ?? person?.username} by ${deactivatedBy})`;
    let released = 0;
    for (const task of await this.tasks.findOpenClaimedBy(userId)) {
      try {
        await this.workflows.update(task.caseId, unclaimTaskUpdate, {
          taskKey: task.taskKey,
          actor: { userId, role: 'caseworker', organisationId: task.partnerId },
          systemActor,
        });
        released += 1;
      } catch (error) {
        this.logger.warn(
          { err: error, taskId: task.id, caseId: task.caseId },
          'Could not release a task of a deactivated person',
        );
      }
    }
    return released;
  }

  /** The person, if the caller administers them (a chain's admin: someone in their chains). */
  private async person(id: string, user: AuthenticatedUser): Promise<UserEntity> {
    const chainIds = administeredChains(user);
    const found = await this.users.findById(id);
    if (!found) throw new NotFoundException(`Person ${id} does not exist`);
    if (chainIds) {
      const [rows] = await this.users.search({
        chainIds,
        username: found.username,
        limit: 1,
        offset: 0,
      });
      if (rows.length === 0) throw new NotFoundException(`Person ${id} does not exist`);
    }
    return found;
  }

  /** Changing or deactivating a person needs the right to every grant they hold. */
  private async manageable(id: string, user: AuthenticatedUser): Promise<void> {
    await this.person(id, user);
    for (const grant of await this.users.grantsOf(id)) {
      await assertMayGrant(user, grant, `grant ${grant.id}`, this.organisations);
    }
  }

  private async assertOneOrganisation(id: string, organisationId: string | null): Promise<void> {
    const other = (await this.users.grantsOf(id)).find(
      (grant) => grant.role === 'caseworker' && grant.organisationId !== organisationId,
    );
    if (other) {
      throw new ConflictException(
        `Person ${id} is already a caseworker of ${other.organisationId}; revoke that first`,
      );
    }
  }

  private async withGrants(rows: UserEntity[]): Promise<PersonDto[]> {
    const grants = await this.users.grantsOfUsers(rows.map((row) => row.id));
    return rows.map((row) =>
      personDto(
        row,
        grants.filter((grant) => grant.userId === row.id),
      ),
    );
  }
}

function personDto(row: UserEntity, grants: RoleGrantEntity[]): PersonDto {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName ?? row.username,
    active: row.active,
    deactivatedAt: row.deactivatedAt,
    grants: grants.map(({ id, role, organisationId, chainId }) => ({
      id,
      role,
      organisationId,
      chainId,
    })),
  };
}
