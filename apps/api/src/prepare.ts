import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { environmentOrExit } from '@schakel/config';
import { migrate } from '@schakel/database';
import { DemoModule } from './demo/demo.module';
import { DemoSeedService } from './demo/demo-seed.service';

/** Brings the database up to date and, outside production, seeds the demo chains and users. */
async function prepare(): Promise<void> {
  const env = environmentOrExit();
  const logger = new Logger('Prepare');
  const ran = await migrate(env.DATABASE_URL);
  logger.log(
    ran.length ? `Applied migrations: ${ran.join(', ')}` : 'Database schema is up to date',
  );
  if (env.NODE_ENV === 'production') return;
  const app = await NestFactory.createApplicationContext(DemoModule, {
    logger: ['error', 'warn', 'log'],
  });
  try {
    await app.get(DemoSeedService).seed();
  } finally {
    await app.close();
  }
}

prepare().catch((error: unknown) => {
  new Logger('Prepare').error(error);
  process.exit(1);
});
