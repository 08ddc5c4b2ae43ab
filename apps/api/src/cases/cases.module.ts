import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { RegieController } from '../regie/regie.controller';
import { RegieService } from '../regie/regie.service';
import { TasksController } from '../tasks/tasks.controller';
import { TasksService } from '../tasks/tasks.service';
import { CaseWorkflowClient } from './case-workflow.client';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

/** Cases, their tasks and the regisseur's interventions: all sides of the same workflows. */
@Module({
  imports: [ModelsModule],
  controllers: [CasesController, TasksController, RegieController],
  providers: [CasesService, TasksService, RegieService, CaseWorkflowClient],
  exports: [CaseWorkflowClient],
})
export class CasesModule {}
