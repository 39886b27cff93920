import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const sharedSrc = fileURLToPath(new URL('../../packages/shared/src/index.ts', import.meta.url));
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text assets worth compressing; smaller files gain nothing from it. */
const COMPRESSIBLE = /\.(js|css|svg|json|txt|map)$/;
const MIN_BYTES = 1024;

/**
 * Writes `<file>.br` and `<file>.gz` beside each emitted text asset, so the server sends
 * them as they are (@fastify/static `preCompressed`) instead of compressing per request.
 * index.html is left alone: the server fills in its CSP nonce per response.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'custodian-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name));
      await Promise.all(
        files.map(async (name) => {
          const path = join(outDir, name);
          const content = await readFile(path);
          if (content.length < MIN_BYTES) {
            return;
          }
          const [br, gzipped] = await Promise.all([
            brotli(content, {
              params: {
                [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
                [zlib.BROTLI_PARAM_SIZE_HINT]: content.length,
              },
            }),
            gz(content, { level: zlib.Z_BEST_COMPRESSION }),
          ]);
          await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gzipped)]);
        }),
      );
    },
  };
}

/** A module of one of these packages, whatever node_modules folder it was installed in. */
const vendor = (packages: string) => new RegExp(`[\\\\/]node_modules[\\\\/](${packages})[\\\\/]`);

/**
 * The server serves `dist/` and replaces `__CSP_NONCE__` in index.html per response.
 * `@custodian/shared` is plain ESM TypeScript, so it is bundled from source.
 *
 * Pages are loaded per route (React.lazy in routes/app-routes.tsx); the libraries every
 * page shares go to vendor chunks of their own, which stay cached across releases that
 * change only the app (hashed names, served `immutable`).
 */
export default defineConfig({
  plugins: [react(), precompress()],
  resolve: { alias: { '@custodian/shared': sharedSrc } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // antd's vendor chunk is about 1.1 MB (290 KB as brotli), loaded once and then cached.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'vendor-react',
              // with the React helpers that antd and recharts both use (else they would follow recharts)
              test: vendor('react|react-dom|react-is|scheduler|use-sync-external-store|react-router|react-router-dom'),
              priority: 30,
            },
            {
              name: 'vendor-charts',
              test: vendor(
                // Only what recharts alone uses: a module that antd or the app share would pull this
                // chunk into the first load.
                'recharts|d3-[^\\\\/]+|victory-vendor|@reduxjs|reselect|react-redux|decimal\\.js-light|internmap',
              ),
              priority: 20,
            },
            {
              name: 'vendor-antd',
              test: vendor(
                'antd|@ant-design|@rc-component|rc-[^\\\\/]+|@emotion|dayjs|stylis|classnames|clsx|throttle-debounce|scroll-into-view-if-needed|compute-scroll-into-view',
              ),
              priority: 10,
            },
          ],
        },
      },
    },
  },
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:8080' } },
});
