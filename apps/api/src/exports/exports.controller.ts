import { Readable } from 'node:stream';
import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiMediaResponse } from '@schakel/http';
import { CurrentUser, Roles, type AuthenticatedUser } from '@schakel/identity';
import { EventLogQueryDto } from '../kpis/kpi-query.dto';
import { EventLogExportService } from './event-log-export.service';

/** Process-mining exports of a chain's event log: process data only, streamed. */
@ApiTags('exports')
@ApiBearerAuth()
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: EventLogExportService) {}

  @Get('event-log.xes')
  @Roles('operations', 'regisseur')
  @ApiMediaResponse('application/xml', 'The XES document, as an attachment')
  @ApiOperation({
    summary: 'Event log as IEEE 1849 XES: one trace per case, lifecycle per task event',
  })
  async xes(
    @Query() query: EventLogQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<StreamableFile> {
    const log = await this.exports.prepare(query, user);
    return new StreamableFile(Readable.from(this.exports.xes(log)), {
      type: 'application/xml; charset=utf-8',
      disposition: `attachment; filename="${log.name}.xes"`,
    });
  }

  @Get('event-log.ocel.json')
  @Roles('operations', 'regisseur')
  @ApiMediaResponse('application/json', 'The OCEL 2.0 document, as an attachment', {
    type: 'object',
    additionalProperties: true,
  })
  @ApiOperation({ summary: 'Event log as OCEL 2.0 JSON: cases, tasks and partners as objects' })
  async ocel(
    @Query() query: EventLogQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<StreamableFile> {
    const log = await this.exports.prepare(query, user);
    return new StreamableFile(Readable.from(this.exports.ocel(log)), {
      type: 'application/json; charset=utf-8',
      disposition: `attachment; filename="${log.name}.ocel.json"`,
    });
  }
}
