import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import express from 'express';

/**
 * The web application (apps/web, built by Vite into dist/web), served by the API process under /app/: its pages call
 * the same API with the session cookie, so every page's authority is the API's. Every /app/… address that is not a
 * file is the application's page (it routes in the browser); `/` opens it. Unbuilt, /app/ says how to build it.
 */
export function webAppDirectory(): string | undefined {
  // From dist/apps/api (the product) or apps/api (the tests, through ts-jest): dist/web either way.
  return [resolve(__dirname, '../../web'), resolve(__dirname, '../../dist/web')].find((d) =>
    existsSync(join(d, 'index.html')),
  );
}

export function webApp(dir = webAppDirectory()): express.Router {
  const router = express.Router();
  router.get('/', (_req, res) => res.redirect(302, '/app/'));
  if (!dir) {
    router.use('/app', (_req, res) =>
      res
        .status(503)
        .type('text')
        .send('The web application is not built here: run `npm run build:web` (npm ci and npm start do it).'),
    );
    return router;
  }
  // Hashed file names never change their content: a year in the browser's cache; the page itself, never cached.
  router.use('/app/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  // A file of an older build (a page open across a deployment) is missing, not the page: a 404 the browser can tell.
  router.use('/app/assets', (_req, res) =>
    res.status(404).type('text').send('No such file: the application was updated since this page opened; reload it.'),
  );
  router.use('/app', express.static(dir, { index: false, maxAge: 0 }));
  router.get(/^\/app(\/.*)?$/, (_req, res) => {
    res.set('cache-control', 'no-cache').sendFile(join(dir, 'index.html'));
  });
  return router;
}
