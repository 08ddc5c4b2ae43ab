import { Module } from '@nestjs/common';
import { ConfigModule } from '@schakel/config';
import { DatabaseModule } from '@schakel/database';
import { HttpLoggerModule } from '@schakel/http';
import { TemporalClientModule } from '@schakel/temporal';
import { Reconciler } from './reconciler.service';

@Module({
  imports: [ConfigModule, HttpLoggerModule, DatabaseModule, TemporalClientModule],
  providers: [Reconciler],
})
export class ReconcilerModule {}
