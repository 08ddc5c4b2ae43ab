import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ModelsModule } from '../models/models.module';
import { MigrationDriverClient } from './migration-driver.client';
import { MigrationsController } from './migrations.controller';
import { MigrationsService } from './migrations.service';

/** Moving running cases to a later model version (issue 16). */
@Module({
  imports: [ModelsModule, CasesModule],
  controllers: [MigrationsController],
  providers: [MigrationsService, MigrationDriverClient],
})
export class MigrationsModule {}
