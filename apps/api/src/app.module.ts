import { Module } from '@nestjs/common';
import { ConfigModule } from '@schakel/config';
import { DatabaseModule } from '@schakel/database';
import { HttpLoggerModule } from '@schakel/http';
import { QueueModule } from '@schakel/queue';
import { TemporalClientModule } from '@schakel/temporal';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CaseFlagsModule } from './case-flags/case-flags.module';
import { CasesModule } from './cases/cases.module';
import { CodecModule } from './codec/codec.module';
import { HealthModule } from './health/health.module';
import { KpisModule } from './kpis/kpis.module';
import { MetricsModule } from './metrics/metrics.module';
import { MigrationsModule } from './migrations/migrations.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ModelsModule } from './models/models.module';
import { ScimModule } from './scim/scim.module';
import { SmokeModule } from './smoke/smoke.module';
import { UsersController } from './users/users.controller';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [
    ConfigModule,
    HttpLoggerModule,
    DatabaseModule,
    QueueModule,
    TemporalClientModule,
    AuthModule,
    AuditModule,
    AdminModule,
    ScimModule,
    HealthModule,
    ModelsModule,
    CasesModule,
    MigrationsModule,
    CaseFlagsModule,
    SmokeModule,
    NotificationsModule,
    WebhooksModule,
    KpisModule,
    MetricsModule,
    CodecModule,
  ],
  controllers: [UsersController],
})
export class AppModule {}
