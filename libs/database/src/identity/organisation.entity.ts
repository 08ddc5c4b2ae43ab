import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A partner organisation in one or more chains. Its id is the partner id reference models use. */
@Entity({ name: 'organisations' })
export class OrganisationEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
