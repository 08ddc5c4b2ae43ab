import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Headers, UnauthorizedException } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { EnvironmentVariables } from '@schakel/config';
import { ApiMediaResponse } from '@schakel/http';
import { Public } from '@schakel/identity';
import { MetricsService } from './metrics.service';

const matches = (given: string, expected: string) =>
  given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));

/** For Prometheus: aggregates only, so open unless METRICS_TOKEN asks scrapers for a bearer token. */
@ApiTags('metrics')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly env: EnvironmentVariables,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Prometheus metrics (bearer METRICS_TOKEN when configured)' })
  @ApiMediaResponse('text/plain', 'Prometheus text format')
  @ApiUnauthorizedResponse({ description: 'METRICS_TOKEN is set and was not sent' })
  scrape(@Headers('authorization') authorization?: string): Promise<string> {
    const token = this.env.METRICS_TOKEN;
    if (token && !matches(authorization ?? '', `Bearer ${token}`)) {
      throw new UnauthorizedException('Send the metrics token as a bearer token');
    }
    return this.metrics.metrics();
  }
}
