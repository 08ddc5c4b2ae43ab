import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { UserRole } from './user.entity';

/**
 * One role a user holds: caseworker of `organisationId`; regisseur, operations or model owner of
 * `chainId` (null: of every chain); or platform admin.
 */
@Entity({ name: 'role_grants' })
export class RoleGrantEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: UserRole;

  @Column({ name: 'organisation_id', type: 'varchar', length: 64, nullable: true })
  organisationId!: string | null;

  @Column({ name: 'chain_id', type: 'varchar', length: 64, nullable: true })
  chainId!: string | null;

  @Column({ name: 'granted_by', type: 'uuid', nullable: true })
  grantedBy!: string | null;

  @CreateDateColumn({ name: 'granted_at', type: 'timestamptz' })
  grantedAt!: Date;
}
