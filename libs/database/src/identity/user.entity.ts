import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { OrganisationEntity } from './organisation.entity';

/**
 * Every role a user can be granted. `caseworker` is scoped to an organisation; `regisseur`,
 * `operations` and `model-owner` to one chain or every chain; `admin` is the platform admin
 * (organisations, people, settings) and owns every chain's model.
 */
export const USER_ROLES = [
  'caseworker',
  'regisseur',
  'operations',
  'model-owner',
  'admin',
] as const;
export type UserRole = (typeof USER_ROLES)[number];

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Login name, and the claim an OIDC token is matched on (`preferred_username` or `email`). */
  @Column({ type: 'varchar', length: 200, unique: true })
  username!: string;

  /** Null when a SCIM client left it unassigned; the username is shown instead. */
  @Column({ name: 'display_name', type: 'varchar', length: 200, nullable: true })
  displayName!: string | null;

  /**
   * The primary role, derived from the grants in `role_grants` (which say what the user may do):
   * caseworker first, then regisseur, operations, model-owner, admin; null without any grant.
   */
  @Column({ type: 'varchar', length: 20, nullable: true })
  role!: UserRole | null;

  /** Set for caseworkers (exactly one organisation), null for chain-wide roles. */
  @Column({ name: 'organisation_id', type: 'varchar', length: 64, nullable: true })
  organisationId!: string | null;

  @ManyToOne(() => OrganisationEntity, { nullable: true })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity | null;

  /** Only for locally signed-in (demo) users; null for users who sign in through OIDC. */
  @Column({ name: 'password_hash', type: 'varchar', length: 100, nullable: true, select: false })
  passwordHash!: string | null;

  /** The identity provider's own id for the person (SCIM `externalId`). */
  @Column({ name: 'external_id', type: 'varchar', length: 200, nullable: true })
  externalId!: string | null;

  /** The identity provider (its configured id) the person signs in through, with `identitySubject`. */
  @Column({ name: 'identity_provider', type: 'varchar', length: 64, nullable: true })
  identityProvider!: string | null;

  /** The provider's `sub` for the person: a token is matched on provider and subject first. */
  @Column({ name: 'identity_subject', type: 'varchar', length: 255, nullable: true })
  identitySubject!: string | null;

  /** The SCIM client that provisioned the person, if any: it may keep managing them. */
  @Column({ name: 'scim_client_id', type: 'uuid', nullable: true })
  scimClientId!: string | null;

  /** Set when a SCIM client deleted the person: deactivated, and gone for SCIM (404). */
  /** False when a SCIM client left `active` unassigned (the person then counts as active). */
  @Column({ name: 'active_stated', type: 'boolean', default: true })
  activeStated!: boolean;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  /** False once deactivated: the user can no longer sign in and every token they hold is refused. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt!: Date | null;

  /** Carried in the platform's tokens; raising it (sign-out, deactivation) revokes them all. */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion!: number;

  /** Last sign-out or deactivation: identity providers' tokens issued until then are refused. */
  @Column({ name: 'signed_out_at', type: 'timestamptz', nullable: true })
  signedOutAt!: Date | null;

  /**
   * The TOTP secret (base32), sealed under STORED_SECRET_KEYS (`sealText`); loaded only with the
   * password hash, for sign-in.
   */
  @Column({ name: 'totp_secret', type: 'text', nullable: true, select: false })
  totpSecret!: string | null;

  /** Set once a first code confirmed the secret: from then on sign-in needs a code. */
  @Column({ name: 'totp_enabled_at', type: 'timestamptz', nullable: true })
  totpEnabledAt!: Date | null;

  /** The last TOTP time step accepted, so a code is used once. */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true, select: false })
  totpLastStep!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
