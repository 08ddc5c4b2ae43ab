import { Injectable, NotFoundException } from '@nestjs/common';
import { endOfAmsterdamDay, startOfAmsterdamDay } from '@schakel/calendar';
import { EventLogRepository, type EventLogFilter } from '@schakel/database';
import type { AuthenticatedUser } from '@schakel/identity';
import type { EventLogQueryDto } from '../kpis/kpi-query.dto';
import { KpisService } from '../kpis/kpis.service';
import { OcelWriter } from './ocel-writer';
import { XesWriter } from './xes-writer';

export interface EventLogExport {
  /** `<chain>_<from>_<to>`: the log's name and the download's file name. */
  name: string;
  filter: EventLogFilter;
}

/**
 * A chain's event log as XES or OCEL 2.0, produced as an async sequence of text chunks: the
 * repository reads a page at a time and the HTTP stream's back-pressure paces the reads, so a
 * log of any size never sits in memory.
 */
@Injectable()
export class EventLogExportService {
  constructor(
    private readonly log: EventLogRepository,
    private readonly kpis: KpisService,
  ) {}

  /** The export asked for, checked before the first byte goes out; 404 for a chain without a published model. */
  async prepare(query: EventLogQueryDto, user: AuthenticatedUser): Promise<EventLogExport> {
    const { from, to } = this.kpis.filter(query, user);
    if ((await this.log.partners(query.chainId)).length === 0) {
      throw new NotFoundException(`No published model for chain '${query.chainId}'`);
    }
    return {
      name: `${query.chainId}_${from}_${to}`,
      filter: {
        chainId: query.chainId,
        from: new Date(startOfAmsterdamDay(from)),
        to: new Date(endOfAmsterdamDay(to) + 1),
      },
    };
  }

  async *xes({ name, filter }: EventLogExport): AsyncGenerator<string> {
    const writer = new XesWriter(name);
    yield writer.start();
    for await (const page of this.log.events(filter)) yield writer.events(page);
    yield writer.end();
  }

  async *ocel({ filter }: EventLogExport): AsyncGenerator<string> {
    const writer = new OcelWriter();
    yield writer.start();
    yield writer.partners(await this.log.partners(filter.chainId));
    for await (const page of this.log.cases(filter)) yield writer.cases(page);
    for await (const page of this.log.tasks(filter)) yield writer.tasks(page);
    yield writer.beginEvents();
    for await (const page of this.log.events(filter)) yield writer.events(page);
    yield writer.end();
  }
}
