import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Public } from '@schakel/identity';
import { DependencyHealth } from './dependency.health';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly dependencies: DependencyHealth,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the API process answers' })
  @ApiOkResponse({
    schema: { type: 'object', required: ['status'], properties: { status: { enum: ['ok'] } } },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness: PostgreSQL and Temporal reachable and a worker polling the case task queue (503 names what is not); Redis, the outbox backlog and flagged cases are reported',
  })
  ready() {
    return this.health.check([
      () => this.dependencies.postgres(),
      () => this.dependencies.temporalReady(),
      () => this.dependencies.workersReady(),
      () => this.dependencies.redisReachable(),
      () => this.dependencies.sideEffects(),
    ]);
  }
}
