import { Module } from '@nestjs/common';
import { EventLogExportService } from '../exports/event-log-export.service';
import { ExportsController } from '../exports/exports.controller';
import { KpisController } from './kpis.controller';
import { KpisService } from './kpis.service';

/** KPI figures and the event-log exports for process mining. */
@Module({
  controllers: [KpisController, ExportsController],
  providers: [KpisService, EventLogExportService],
  exports: [KpisService],
})
export class KpisModule {}
