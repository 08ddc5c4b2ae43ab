import { METHODS } from 'node:http';
import { MethodNotAllowedException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { requestId } from '@schakel/http';

/** What the JSON body parser reads; any other body on a JSON endpoint is refused with 415. */
export const JSON_CONTENT_TYPES = ['application/json', 'application/*+json'];

/** The parts of Express' router layers this module reads. */
interface RouteLayer {
  route?: { methods: Record<string, boolean | undefined>; _handlesMethod(method: string): boolean };
  match(path: string): boolean;
}

/**
 * Gives the request its id before anything can fail, so body-parser errors (invalid JSON, 413,
 * 415) carry it too; the logger keeps an id that is already there.
 */
export function assignRequestId(request: Request, response: Response, next: NextFunction): void {
  request.id ??= requestId(request, response);
  next();
}

/**
 * 405 with `Allow` when the path is a route of the API but not for this method (instead of 404).
 * Reads the routes from the router at request time, when every controller is registered.
 */
export function methodNotAllowed(app: Express): RequestHandler {
  return (request, response, next) => {
    if (request.method === 'OPTIONS') return next();
    // Express' own layers have match(); its typings leave it out.
    const layers = app.router.stack as unknown as readonly RouteLayer[];
    // Nest mounts module middleware as routes for every method: those are not endpoints.
    const routes = layers.flatMap((layer) =>
      layer.route &&
      Object.keys(layer.route.methods).length < METHODS.length &&
      layer.match(request.path)
        ? [layer.route]
        : [],
    );
    if (routes.length === 0 || routes.some((route) => route._handlesMethod(request.method))) {
      return next();
    }
    const allowed = new Set(
      routes.flatMap((route) =>
        Object.keys(route.methods)
          .filter((method) => route.methods[method] && method !== '_all')
          .map((method) => method.toUpperCase()),
      ),
    );
    if (allowed.has('GET')) allowed.add('HEAD');
    const allow = [...allowed].sort().join(', ');
    response.setHeader('Allow', allow);
    next(new MethodNotAllowedException(`${request.method} is not allowed here; use ${allow}`));
  };
}

/**
 * 415 for a body that is not JSON on the JSON endpoints. The model endpoints read their body
 * before this (YAML or JSON, see model-body.middleware.ts); a request without a body, or with an
 * empty one (Content-Length: 0, as many clients send on a bare POST), passes.
 */
export function requireJsonBody(request: Request, _response: Response, next: NextFunction): void {
  const empty = request.headers['content-length'] === '0';
  const unsupported =
    !empty && request.body === undefined && request.is(JSON_CONTENT_TYPES) === false;
  next(
    unsupported
      ? new UnsupportedMediaTypeException(
          `Send the body as application/json (Content-Type was '${request.headers['content-type'] ?? ''}')`,
        )
      : undefined,
  );
}
