import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { OrganisationRepository, UserRepository, type OrganisationEntity } from '@schakel/database';
import type { PageQueryDto } from '@schakel/http';
import type { AuthenticatedUser } from '@schakel/identity';
import type { CreateOrganisationDto, OrganisationDto, OrganisationPageDto } from './admin.dto';
import { administeredChains } from './grant-policy';
import { PeopleService } from './people.service';

/**
 * Partner organisations, independent of models: one name each. A chain's admin sees the
 * partners of their chains; creating, renaming and deactivating is the platform admin's.
 */
@Injectable()
export class OrganisationsService {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly users: UserRepository,
    private readonly people: PeopleService,
  ) {}

  async list(query: PageQueryDto, user: AuthenticatedUser): Promise<OrganisationPageDto> {
    const [rows, total] = await this.organisations.search({
      ...query,
      chainIds: administeredChains(user),
    });
    return { items: rows.map(organisationDto), total };
  }

  async create(body: CreateOrganisationDto): Promise<OrganisationDto> {
    if (!(await this.organisations.insertIfMissing(body))) {
      throw new ConflictException(`Organisation '${body.id}' already exists`);
    }
    return organisationDto(await this.organisation(body.id));
  }

  async rename(id: string, name: string): Promise<OrganisationDto> {
    await this.organisation(id);
    await this.organisations.rename(id, name);
    return organisationDto(await this.organisation(id));
  }

  /** The organisation leaves: its people are deactivated and their claimed tasks released. */
  async deactivate(id: string, user: AuthenticatedUser): Promise<{ releasedTasks: number }> {
    await this.organisation(id);
    await this.organisations.setActive(id, false);
    let releasedTasks = 0;
    for (const userId of await this.users.activeIdsOfOrganisation(id)) {
      await this.users.deactivate(userId);
      releasedTasks += await this.people.releaseTasks(userId, user.displayName);
    }
    return { releasedTasks };
  }

  private async organisation(id: string): Promise<OrganisationEntity> {
    const found = await this.organisations.findById(id);
    if (!found) throw new NotFoundException(`Organisation '${id}' does not exist`);
    return found;
  }
}

function organisationDto(row: OrganisationEntity): OrganisationDto {
  return { id: row.id, name: row.name, active: row.active, deactivatedAt: row.deactivatedAt };
}
