import { hostname } from 'node:os';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SmokeActivities as SmokeActivityContract, SmokeInput } from '@schakel/contracts';

@Injectable()
export class SmokeActivities implements SmokeActivityContract {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async describeWorker(_input: SmokeInput): Promise<{ handledBy: string; databaseTime: string }> {
    const [row] = await this.dataSource.query<{ now: Date }[]>('SELECT now() AS now');
    return { handledBy: `${hostname()}:${process.pid}`, databaseTime: row.now.toISOString() };
  }
}
