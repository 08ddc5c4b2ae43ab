import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EnvironmentVariables } from '@schakel/config';
import { KpiRollupRepository, ROLLUP_BATCH } from '@schakel/database';

/**
 * Rolls the KPI facts and daily counts up every KPI_ROLLUP_INTERVAL_MS, off the transitions' path
 * (docs/kpis.md). Every worker runs it; an advisory lock lets one at a time do the work.
 */
@Injectable()
export class KpiRollupService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(KpiRollupService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(EnvironmentVariables) private readonly env: EnvironmentVariables,
    private readonly rollup: KpiRollupRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.drain().finally(() => (this.running = undefined));
    }, this.env.KPI_ROLLUP_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Batches until the queue is short of a full one; a failure waits for the next tick. */
  private async drain(): Promise<void> {
    try {
      while (!this.stopped) {
        const result = await this.rollup.rollUp();
        if (!result.ran || result.cases < ROLLUP_BATCH) return;
      }
    } catch (error) {
      this.logger.warn({ code: (error as { code?: string }).code }, 'KPI rollup failed; retrying');
    }
  }
}
