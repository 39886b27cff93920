import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { errorMessage } from '@custodian/shared';

/** Built web app (apps/web/dist), relative to this file in src/ and in dist/. */
export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'web', 'dist');

/** Vite names every file under assets/ by its content hash: a new build never reuses a name. */
export const HASHED_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Other files of dist/ (favicon) keep their names across builds, so they are revalidated. */
export const UNHASHED_CACHE_CONTROL = 'no-cache';
/** index.html carries a per-response nonce and names the current build's assets. */
export const INDEX_CACHE_CONTROL = 'no-cache';

function cacheControlFor(pathInDist: string): string {
  return pathInDist.startsWith(`assets${sep}`) ? HASHED_CACHE_CONTROL : UNHASHED_CACHE_CONTROL;
}

/**
 * Serves the built web app with an SPA fallback. index.html gets the per-response CSP
 * nonce, which antd uses for the style elements it creates. Assets go out as the brotli or
 * gzip file the build wrote beside them when the client accepts it (`Vary: Accept-Encoding`),
 * and hashed ones may be cached for a year.
 */
export const webPlugin = fp(
  async (app: FastifyInstance, opts: { distDir?: string }) => {
    const dist = opts.distDir ?? WEB_DIST;
    const indexPath = join(dist, 'index.html');
    const hasWeb = existsSync(indexPath);
    const indexHtml = hasWeb ? readFileSync(indexPath, 'utf8') : '';
    if (hasWeb) {
      await app.register(fastifyStatic, {
        root: dist,
        index: false,
        wildcard: false,
        // index.html only through the fallback below (it needs its nonce); the .br and .gz
        // files only as encodings of their asset, chosen by Accept-Encoding.
        globIgnore: ['index.html', '**/*.br', '**/*.gz'],
        preCompressed: true,
        cacheControl: false,
        setHeaders: (reply, path) => {
          void reply.header('cache-control', cacheControlFor(relative(dist, path)));
        },
      });
    }
    app.setNotFoundHandler((request, reply) => {
      const isApi = request.url.startsWith('/api') || request.url === '/metrics';
      if (!hasWeb || isApi || request.method !== 'GET') {
        return reply
          .status(404)
          .send({ error: { code: 'NOT_FOUND', message: errorMessage('NOT_FOUND', request.locale) } });
      }
      const nonce = reply.cspNonce.style;
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', INDEX_CACHE_CONTROL)
        .send(indexHtml.replaceAll('__CSP_NONCE__', nonce));
    });
  },
  { name: 'web' },
);
