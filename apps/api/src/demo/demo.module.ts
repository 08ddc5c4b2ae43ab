import { Module } from '@nestjs/common';
import { ConfigModule } from '@schakel/config';
import { DatabaseModule } from '@schakel/database';
import { DemoSeedService } from './demo-seed.service';

/** Standalone context for the prepare step: no HTTP, no Temporal. */
@Module({
  imports: [ConfigModule, DatabaseModule],
  providers: [DemoSeedService],
})
export class DemoModule {}
