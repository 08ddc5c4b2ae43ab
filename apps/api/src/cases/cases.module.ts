import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { TasksController } from '../tasks/tasks.controller';
import { TasksService } from '../tasks/tasks.service';
import { CaseWorkflowClient } from './case-workflow.client';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

/** Cases and their tasks: both sides of the same workflows. */
@Module({
  imports: [ModelsModule],
  controllers: [CasesController, TasksController],
  providers: [CasesService, TasksService, CaseWorkflowClient],
})
export class CasesModule {}
