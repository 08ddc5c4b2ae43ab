import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { MetricsService } from './metrics.service';

/**
 * Observes every response's latency, labelled by route pattern (never the raw path: bounded
 * labels). It runs as the first middleware, so answers that never reach a controller are counted
 * too: body-parser errors, 401/403 from guards, 429 from the throttler, 404/405 on unknown routes.
 */
export function httpMetrics(metrics: MetricsService): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const stop = metrics.httpDuration.startTimer({ method: request.method });
    // On finish the status is final, also when the exception filter wrote an error.
    response.once('finish', () =>
      stop({
        route: (request.route as { path?: string } | undefined)?.path ?? 'unmatched',
        status: String(response.statusCode),
      }),
    );
    next();
  };
}
