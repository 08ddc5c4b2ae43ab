import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { ScimClientEntity } from './scim-client.entity';

@Injectable()
export class ScimClientRepository {
  constructor(
    @InjectRepository(ScimClientEntity) private readonly rows: Repository<ScimClientEntity>,
  ) {}

  async insert(
    client: Pick<ScimClientEntity, 'name' | 'tokenHash' | 'organisationIds' | 'createdBy'>,
  ): Promise<ScimClientEntity> {
    const result = await this.rows.insert(client);
    const id = (result.identifiers[0] as { id: string }).id;
    return (await this.rows.findOneBy({ id })) as ScimClientEntity;
  }

  list(): Promise<ScimClientEntity[]> {
    return this.rows.find({ order: { createdAt: 'ASC' } });
  }

  /** The client a presented token belongs to, unless revoked. */
  findActiveByTokenHash(tokenHash: string): Promise<ScimClientEntity | null> {
    return this.rows.findOne({ where: { tokenHash, revokedAt: IsNull() } });
  }

  /** False when there is no such client or it was already revoked. */
  async revoke(id: string): Promise<boolean> {
    const result = await this.rows.update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }
}
