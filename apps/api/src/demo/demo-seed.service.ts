import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EnvironmentVariables } from '@schakel/config';
import { ModelRepository, OrganisationRepository, UserRepository } from '@schakel/database';
import { hashPassword } from '@schakel/identity';
import { loadModel, type ReferenceModel } from '@schakel/reference-model';
import { DEMO_PASSWORD, demoUsers } from './demo-users';

interface ExampleModel {
  file: string;
  source: string;
  model: ReferenceModel;
}

/**
 * Idempotent demo data: the example chains' partners as organisations, users to sign in as, and
 * each example model published as version 1 (when its chain has no version yet).
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
    private readonly organisations: OrganisationRepository,
    private readonly users: UserRepository,
    private readonly models: ModelRepository,
  ) {}

  async seed(): Promise<void> {
    const examples = await this.exampleModels();
    const partners = new Map(
      examples.flatMap(({ model }) => model.partners).map((partner) => [partner.id, partner.name]),
    );
    for (const [id, name] of partners) await this.organisations.insertIfMissing({ id, name });
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const users = demoUsers([...partners].map(([id, name]) => ({ id, name })));
    for (const user of users) await this.users.upsert({ ...user, passwordHash });
    const admin = await this.users.findByUsername('admin');
    let published = 0;
    for (const { model, source } of examples) {
      const chainId = model.chain.id;
      if (await this.models.findLatestPublished(chainId, { organisationId: null })) continue;
      await this.models.publish({
        chainId,
        chainName: model.chain.name,
        document: model,
        source,
        sourceFormat: 'yaml',
        partnerIds: model.partners.map((partner) => partner.id),
        publishedBy: (admin as { id: string }).id,
      });
      published += 1;
    }
    this.logger.log(
      `Seeded ${partners.size} organisations, ${users.length} demo users, ${published} newly published models`,
    );
  }

  private async exampleModels(): Promise<ExampleModel[]> {
    const folder = resolve(this.env.DEMO_MODELS_DIR);
    const files = (await readdir(folder)).filter((file) => /\.ya?ml$/.test(file)).sort();
    return Promise.all(
      files.map(async (file) => {
        const source = await readFile(join(folder, file), 'utf8');
        const loaded = loadModel(source, 'yaml');
        if (!loaded.ok) {
          const problems = loaded.problems.map((p) => `${p.path} ${p.message}`).join('; ');
          throw new Error(`Example model ${file} is invalid: ${problems}`);
        }
        return { file, source, model: loaded.model };
      }),
    );
  }
}
