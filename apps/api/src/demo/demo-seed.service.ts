import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { parse } from 'yaml';
import { EnvironmentVariables } from '@schakel/config';
import { OrganisationRepository, UserRepository } from '@schakel/database';
import { hashPassword } from '@schakel/identity';
import { DEMO_PASSWORD, demoUsers, type DemoOrganisation } from './demo-users';

/** Idempotent demo data: the partners of the example chains, and users to sign in as. */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
    private readonly organisations: OrganisationRepository,
    private readonly users: UserRepository,
  ) {}

  async seed(): Promise<void> {
    const partners = await this.examplePartners();
    for (const partner of partners) await this.organisations.upsert(partner);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const users = demoUsers(partners);
    for (const user of users) await this.users.upsert({ ...user, passwordHash });
    this.logger.log(`Seeded ${partners.length} organisations and ${users.length} demo users`);
  }

  private async examplePartners(): Promise<DemoOrganisation[]> {
    const folder = resolve(this.env.DEMO_MODELS_DIR);
    const files = (await readdir(folder)).filter((file) => /\.ya?ml$/.test(file)).sort();
    const byId = new Map<string, DemoOrganisation>();
    for (const file of files) {
      const model = parse(await readFile(join(folder, file), 'utf8')) as {
        partners?: DemoOrganisation[];
      };
      for (const partner of model.partners ?? [])
        byId.set(partner.id, { id: partner.id, name: partner.name });
    }
    return [...byId.values()];
  }
}
