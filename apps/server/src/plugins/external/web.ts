import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { errorMessage } from '@custodian/shared';

/** Built web app (apps/web/dist), relative to this file in src/ and in dist/. */
export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'web', 'dist');

/**
 * Serves the built web app with an SPA fallback. index.html gets the per-response CSP
 * nonce, which antd uses for the style elements it creates.
 */
export const webPlugin = fp(
  async (app: FastifyInstance, opts: { distDir?: string }) => {
    const dist = opts.distDir ?? WEB_DIST;
    const indexPath = join(dist, 'index.html');
    const hasWeb = existsSync(indexPath);
    const indexHtml = hasWeb ? readFileSync(indexPath, 'utf8') : '';
    if (hasWeb) {
      await app.register(fastifyStatic, { root: dist, index: false, wildcard: false, maxAge: '1h', immutable: false });
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
        .header('cache-control', 'no-store')
        .send(indexHtml.replaceAll('__CSP_NONCE__', nonce));
    });
  },
  { name: 'web' },
);
