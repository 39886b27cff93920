import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const sharedSrc = fileURLToPath(new URL('../../packages/shared/src/index.ts', import.meta.url));

/**
 * The server serves `dist/` and replaces `__CSP_NONCE__` in index.html per response.
 * `@custodian/shared` is plain ESM TypeScript, so it is bundled from source.
 */
export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@custodian/shared': sharedSrc } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 2000 },
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:8080' } },
});
