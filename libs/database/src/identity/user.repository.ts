import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserEntity } from './user.entity';

export type NewUser = Pick<
  UserEntity,
  'username' | 'displayName' | 'role' | 'organisationId' | 'passwordHash'
>;

@Injectable()
export class UserRepository {
  constructor(@InjectRepository(UserEntity) private readonly rows: Repository<UserEntity>) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.rows.findOne({ where: { id } });
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.rows.findOne({ where: { username } });
  }

  /** The only query that loads the password hash, for the login check. */
  findWithPasswordHash(username: string): Promise<UserEntity | null> {
    return this.rows
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.username = :username', { username })
      .getOne();
  }

  /** Colleagues within one organisation, e.g. to assign a task to. */
  findByOrganisation(organisationId: string): Promise<UserEntity[]> {
    return this.rows.find({ where: { organisationId }, order: { displayName: 'ASC' } });
  }

  findAll(): Promise<UserEntity[]> {
    return this.rows.find({ order: { username: 'ASC' } });
  }

  async upsert(user: NewUser): Promise<void> {
    await this.rows.upsert(user, ['username']);
  }
}
