import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: PostgreSQL, Redis and Temporal reachable (503 names the one that is not)',
  })
  ready() {
    return this.health.check([
      () => this.dependencies.postgres(),
      () => this.dependencies.redisReady(),
      () => this.dependencies.temporalReady(),
    ]);
  }
}
