import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { NotFoundException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, NextFunction, Request, Response } from 'express';

/** The web console's production build (apps/web), served under WEB_PATH once it has been built. */
const WEB_DIST = resolve('apps/web/dist');
const WEB_PATH = '/app';

/** Vite names the files under assets/ by their content hash: a changed file is a new URL. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashes, so a browser revalidates it on every visit. */
const REVALIDATE = 'no-cache';

/**
 * Serves the console's files under /app and its index.html for every other GET (or HEAD) below /app (its
 * client-side routes). The API has no routes under /app, so nothing of the API is shadowed.
 * A hashed asset that does not exist is a 404, never index.html under an asset's name.
 */
export function serveWebConsole(app: NestExpressApplication): void {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(index)) return;
  const assets = `${sep}assets${sep}`;
  app.useStaticAssets(WEB_DIST, {
    prefix: WEB_PATH,
    index: false,
    setHeaders: (response: Response, path: string) =>
      response.setHeader('Cache-Control', path.includes(assets) ? IMMUTABLE : REVALIDATE),
  });
  app.use(`${WEB_PATH}/assets`, (request: Request, _response: Response, next: NextFunction) =>
    next(new NotFoundException(`No console asset ${request.path}`)),
  );
  app.use(WEB_PATH, (request: Request, response: Response, next: NextFunction) =>
    request.method === 'GET' || request.method === 'HEAD'
      ? response.sendFile(index, { headers: { 'Cache-Control': REVALIDATE } })
      : next(),
  );
  const express = app.getHttpAdapter().getInstance() as Express;
  express.get('/', (_request, response) => response.redirect(`${WEB_PATH}/`));
}
