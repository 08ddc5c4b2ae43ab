import { NestFactory } from '@nestjs/core';
import { DemoModule } from '../../apps/api/src/demo/demo.module';
import { DemoSeedService } from '../../apps/api/src/demo/demo-seed.service';
import { testEnvironment } from './test-environment';

/** The same seed the main job runs: the example chains' partners and the demo users. */
export async function seedDemoData(): Promise<void> {
  Object.assign(process.env, testEnvironment());
  const app = await NestFactory.createApplicationContext(DemoModule, { logger: ['error'] });
  try {
    await app.get(DemoSeedService).seed();
  } finally {
    await app.close();
  }
}
