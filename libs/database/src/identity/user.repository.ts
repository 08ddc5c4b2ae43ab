import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository, type EntityManager } from 'typeorm';
import { RoleGrantEntity } from './role-grant.entity';
import { USER_ROLES, UserEntity, type UserRole } from './user.entity';

export type NewUser = Pick<
  UserEntity,
  'username' | 'displayName' | 'organisationId' | 'passwordHash'
> & {
  role: UserRole;
};

/** A role to grant: the organisation for a caseworker, the chain (null: every chain) for chain roles. */
export interface Grant {
  role: UserRole;
  organisationId: string | null;
  chainId: string | null;
}

/** Whose people a SCIM caller sees: a client's own and its organisations' caseworkers; null: everyone. */
export type ProvisioningScope = { clientId: string; organisationIds: string[] } | null;

export interface UserSearch {
  /** People with a grant in these chains or working for one of their partners (null: everyone). */
  chainIds: readonly string[] | null;
  organisationId?: string;
  username?: string;
  limit: number;
  offset: number;
}

/** The grant today's single role stands for: chain roles for every chain, as before grants existed. */
export const grantOfRole = (role: UserRole, organisationId: string | null): Grant => ({
  role,
  organisationId: role === 'caseworker' ? organisationId : null,
  chainId: null,
});

@Injectable()
export class UserRepository {
  constructor(
    @InjectRepository(UserEntity) private readonly rows: Repository<UserEntity>,
    @InjectRepository(RoleGrantEntity) private readonly grants: Repository<RoleGrantEntity>,
  ) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.rows.findOne({ where: { id } });
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.rows.findOne({ where: { username } });
  }

  findByIdentity(identityProvider: string, identitySubject: string): Promise<UserEntity | null> {
    return this.rows.findOne({ where: { identityProvider, identitySubject } });
  }

  /** Binds an account to a provider's subject; false when it is bound already. */
  async bindIdentity(id: string, identityProvider: string, identitySubject: string) {
    const result = await this.rows
      .createQueryBuilder()
      .update()
      .set({ identityProvider, identitySubject })
      .where('id = :id AND identity_provider IS NULL', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** The only query that loads the password hash and TOTP secret, for the sign-in check. */
  findWithPasswordHash(username: string): Promise<UserEntity | null> {
    return this.rows
      .createQueryBuilder('user')
      .addSelect(['user.passwordHash', 'user.totpSecret', 'user.totpLastStep'])
      .where('user.username = :username', { username })
      .getOne();
  }

  /** Active caseworkers of one organisation, e.g. to assign a task to. */
  findByOrganisation(organisationId: string): Promise<UserEntity[]> {
    return this.rows.find({
      where: { organisationId, active: true },
      order: { displayName: 'ASC' },
    });
  }

  findAll(): Promise<UserEntity[]> {
    return this.rows.find({ order: { username: 'ASC' } });
  }

  search(search: UserSearch): Promise<[UserEntity[], number]> {
    const query = this.rows.createQueryBuilder('u');
    if (search.organisationId) {
      query.andWhere(
        `(u.organisation_id = :organisationId OR EXISTS (SELECT 1 FROM role_grants g
           WHERE g.user_id = u.id AND g.organisation_id = :organisationId))`,
        { organisationId: search.organisationId },
      );
    }
    if (search.chainIds) {
      query.andWhere(
        `EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND (g.chain_id = ANY(:chainIds)
           OR g.organisation_id IN (SELECT unnest(v.partner_ids) FROM model_versions v
                                    WHERE v.chain_id = ANY(:chainIds))))`,
        { chainIds: search.chainIds },
      );
    }
    if (search.username) query.andWhere('u.username = :username', { username: search.username });
    return query.orderBy('u.username').take(search.limit).skip(search.offset).getManyAndCount();
  }

  /** People as SCIM shows them (not deleted), optionally by userName (case-insensitive, RFC 7643). */
  provisioned(
    scope: ProvisioningScope,
    search: { id?: string; userName?: string; limit: number; offset: number },
  ): Promise<[UserEntity[], number]> {
    const query = this.rows.createQueryBuilder('u').where('u.deleted_at IS NULL');
    if (scope) {
      query.andWhere(
        '(u.scim_client_id = :clientId OR u.organisation_id = ANY(:organisationIds))',
        scope,
      );
    }
    if (search.id) query.andWhere('u.id = :id', { id: search.id });
    if (search.userName !== undefined) {
      query.andWhere('lower(u.username) = lower(:userName)', { userName: search.userName });
    }
    return query
      .orderBy('u.created_at')
      .addOrderBy('u.id')
      .take(search.limit)
      .skip(search.offset)
      .getManyAndCount();
  }

  async markDeleted(id: string): Promise<void> {
    await this.rows.update({ id }, { deletedAt: new Date() });
  }

  /** Demo seed: creates or updates the user; a new user gets the grant their role stands for. */
  async upsert(user: NewUser): Promise<void> {
    await this.rows.manager.transaction(async (manager) => {
      await manager.upsert(UserEntity, user, ['username']);
      const { id } = (await manager.findOneBy(UserEntity, {
        username: user.username,
      })) as UserEntity;
      if ((await manager.countBy(RoleGrantEntity, { userId: id })) === 0) {
        await manager.insert(RoleGrantEntity, {
          userId: id,
          ...grantOfRole(user.role, user.organisationId),
        });
      }
    });
  }

  /** A new user with their grants; null when the username is taken. */
  async create(
    user: Pick<UserEntity, 'username' | 'displayName' | 'passwordHash'> &
      Partial<
        Pick<
          UserEntity,
          'externalId' | 'scimClientId' | 'activeStated' | 'identityProvider' | 'identitySubject'
        >
      >,
    grants: Grant[],
    grantedBy: string | null,
  ): Promise<UserEntity | null> {
    return this.rows.manager.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(UserEntity)
        .values({ ...user, role: null, organisationId: null })
        .orIgnore()
        .returning('id')
        .execute();
      const id = (inserted.raw as { id: string }[])[0]?.id;
      if (!id) return null;
      for (const grant of grants) await this.insertGrant(manager, id, grant, grantedBy);
      await this.derivePrimaryRole(manager, id);
      return manager.findOneBy(UserEntity, { id });
    });
  }

  /** False when the new username is taken by someone else. */
  async update(
    id: string,
    change: Partial<
      Pick<UserEntity, 'displayName' | 'passwordHash' | 'username' | 'externalId' | 'activeStated'>
    >,
  ): Promise<boolean> {
    if (Object.keys(change).length === 0) return true;
    const result = await this.rows
      .createQueryBuilder()
      .update()
      .set(change)
      .where(
        'id = :id AND NOT EXISTS (SELECT 1 FROM users o WHERE o.username = :username AND o.id <> :id)',
        { id, username: change.username ?? '' },
      )
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Deactivates the user and revokes every token they hold; false when already inactive. */
  async deactivate(id: string): Promise<boolean> {
    const result = await this.rows
      .createQueryBuilder()
      .update()
      .set({
        active: false,
        deactivatedAt: () => 'now()',
        tokenVersion: () => 'token_version + 1',
        signedOutAt: () => 'now()',
      })
      .where('id = :id AND active', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async reactivate(id: string): Promise<void> {
    await this.rows.update({ id }, { active: true, deactivatedAt: null });
  }

  /** Every active user holding a grant in this organisation (its caseworkers). */
  async activeIdsOfOrganisation(organisationId: string): Promise<string[]> {
    const rows = await this.rows
      .createQueryBuilder('u')
      .select('u.id', 'id')
      .where('u.active AND u.organisation_id = :organisationId', { organisationId })
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /** A new TOTP secret, pending until `confirmTotp`; refused (false) once one is confirmed. */
  async startTotp(id: string, secret: string): Promise<boolean> {
    const result = await this.rows
      .createQueryBuilder()
      .update()
      .set({ totpSecret: secret, totpLastStep: null })
      .where('id = :id AND totp_enabled_at IS NULL', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async confirmTotp(id: string, step: number): Promise<void> {
    await this.rows.update({ id }, { totpEnabledAt: new Date(), totpLastStep: String(step) });
  }

  /** Records the time step of an accepted code; false when it (or a later one) was used already. */
  async useTotpStep(id: string, step: number): Promise<boolean> {
    const result = await this.rows
      .createQueryBuilder()
      .update()
      .set({ totpLastStep: String(step) })
      .where('id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)', { id, step })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Sign-out: every token issued so far stops working. */
  async revokeTokens(id: string): Promise<void> {
    await this.rows.update(
      { id },
      { tokenVersion: () => 'token_version + 1', signedOutAt: () => 'now()' },
    );
  }

  grantsOf(userId: string): Promise<RoleGrantEntity[]> {
    return this.grants.find({ where: { userId }, order: { grantedAt: 'ASC', id: 'ASC' } });
  }

  grantsOfUsers(userIds: string[]): Promise<RoleGrantEntity[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.grants.find({ where: { userId: In(userIds) }, order: { grantedAt: 'ASC' } });
  }

  /** Adds a grant (a repeat is a no-op) and derives the primary role again. */
  grant(userId: string, grant: Grant, grantedBy: string | null): Promise<void> {
    return this.rows.manager.transaction(async (manager) => {
      await this.insertGrant(manager, userId, grant, grantedBy);
      await this.derivePrimaryRole(manager, userId);
    });
  }

  /** Removes one grant; false when the user holds no such grant. */
  revoke(userId: string, grantId: string): Promise<boolean> {
    return this.rows.manager.transaction(async (manager) => {
      const result = await manager.delete(RoleGrantEntity, { id: grantId, userId });
      await this.derivePrimaryRole(manager, userId);
      return (result.affected ?? 0) > 0;
    });
  }

  /**
   * Replaces the grants of these roles at once (SCIM and OIDC sign-in carry the whole set of the
   * roles they manage); grants of other roles stay.
   */
  replaceGrants(
    userId: string,
    roles: readonly UserRole[],
    grants: Grant[],
    grantedBy: string | null,
  ): Promise<void> {
    return this.rows.manager.transaction(async (manager) => {
      await manager.delete(RoleGrantEntity, { userId, role: In([...roles]) });
      for (const grant of grants) await this.insertGrant(manager, userId, grant, grantedBy);
      await this.derivePrimaryRole(manager, userId);
    });
  }

  private async insertGrant(
    manager: EntityManager,
    userId: string,
    grant: Grant,
    grantedBy: string | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO role_grants (user_id, role, organisation_id, chain_id, granted_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [userId, grant.role, grant.organisationId, grant.chainId, grantedBy],
    );
  }

  /**
   * `users.role` and `users.organisation_id` keep meaning what they meant before grants: the
   * first grant in USER_ROLES order (caseworker first, with its organisation); both null for a
   * user without grants.
   */
  private async derivePrimaryRole(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      `UPDATE users u SET (role, organisation_id) = (
         SELECT g.role, g.organisation_id FROM role_grants g WHERE g.user_id = $1
         ORDER BY array_position($2::varchar[], g.role) LIMIT 1)
       WHERE u.id = $1`,
      [userId, USER_ROLES],
    );
  }
}
