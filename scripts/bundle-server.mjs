// Bundles the compiled server (apps/server/dist, from `tsc -b`) and its pure-JavaScript
// dependencies into one ES module, apps/server/dist/bundle/custodian.mjs, which
// bin/custodian.mjs runs when it is fresh (ADR 0024). Node.js 24 loads each ES module file
// of a package slowly (it re-reads the package's `exports` for every file), so the server's
// cold start was mostly module loading; one file is loaded once.
//
// Kept out of the bundle, loaded from node_modules as before:
// - @electric-sql/pglite: loads its .wasm and .data files relative to its own module;
// - @node-rs/argon2: a native addon;
// - pg-native: an optional native addon `pg` asks for inside a try.
//
// A bundled file still sees the paths it would have had on disk: `import.meta.url`
// (`.dirname`, `.filename`) in an ES module and `__dirname` / `__filename` in a CommonJS one
// are rewritten to the file's original location, relative to the bundle, so the server finds its migrations
// (src/db/migrations) and the web app (apps/web/dist), and @fastify/swagger-ui its static
// files, wherever the checkout lives.
//
// Usage: node scripts/bundle-server.mjs   (scripts/build.mjs runs it after `tsc -b`)
import { readFile, writeFile } from 'node:fs/promises';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE_DIR = join(ROOT, 'apps', 'server', 'dist', 'bundle');
export const BUNDLE_FILE = join(BUNDLE_DIR, 'custodian.mjs');
const ENTRY = join(ROOT, 'apps', 'server', 'dist', 'cli', 'main.js');
const EXTERNAL = ['@electric-sql/pglite', '@node-rs/argon2', 'pg-native'];

/** The bundle's own location; every rewritten path is relative to it. */
const BANNER = [
  "import { createRequire as __custodianCreateRequire } from 'node:module';",
  "import { fileURLToPath as __custodianFileURLToPath } from 'node:url';",
  // CommonJS dependencies require Node's built-in modules.
  'const require = __custodianCreateRequire(import.meta.url);',
  'const __custodianUrl = (path) => new URL(path, import.meta.url).href;',
  'const __custodianPath = (path) => __custodianFileURLToPath(new URL(path, import.meta.url));',
].join('\n');

/** A path relative to the bundle's directory, as a URL path ('../../src/db/client.js'). */
function fromBundle(path) {
  return relative(BUNDLE_DIR, path).split(sep).join('/');
}

const PATHS_PATTERN = /\bimport\.meta\.(url|dirname|filename)\b|\b__dirname\b|\b__filename\b/;

/** Gives each bundled file the `import.meta.url`, `__dirname` and `__filename` of its original place. */
const originalPaths = {
  name: 'original-paths',
  setup(build) {
    build.onLoad({ filter: /\.(m|c)?js$/ }, async (args) => {
      const contents = await readFile(args.path, 'utf8');
      if (!PATHS_PATTERN.test(contents)) {
        return undefined;
      }
      const file = JSON.stringify(fromBundle(args.path));
      const dir = JSON.stringify(fromBundle(dirname(args.path)) || '.');
      let rewritten = contents
        .replace(/\bimport\.meta\.url\b/g, `__custodianUrl(${file})`)
        .replace(/\bimport\.meta\.dirname\b/g, `__custodianPath(${dir})`)
        .replace(/\bimport\.meta\.filename\b/g, `__custodianPath(${file})`);
      // Unless the file declares them itself (an ES module's own `const __dirname = …`).
      if (/\b__dirname\b/.test(contents) && !/\b(var|let|const)\s+__dirname\b/.test(contents)) {
        rewritten = `var __dirname = __custodianPath(${dir});\n${rewritten}`;
      }
      if (/\b__filename\b/.test(contents) && !/\b(var|let|const)\s+__filename\b/.test(contents)) {
        rewritten = `var __filename = __custodianPath(${file});\n${rewritten}`;
      }
      return { contents: rewritten, loader: 'js' };
    });
  },
};

/** Writes the bundle; returns esbuild's metafile (inputs and output sizes). */
export async function bundleServer() {
  mkdirSync(BUNDLE_DIR, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    outfile: BUNDLE_FILE,
    // One file, no code splitting: with splitting, esbuild gives an import() of a CommonJS
    // package only its `default` (evanw/esbuild#3245), where Node.js also gives the named
    // exports. Code behind an import() (pg-boss, exceljs, the password dictionaries) is in
    // the file, but runs only when first imported.
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // Package entry points as Node.js picks them: its own conditions only (no "module", no
    // "development"), and "main", never "module", for packages without "exports".
    conditions: [],
    mainFields: ['main'],
    external: EXTERNAL.flatMap((name) => [name, `${name}/*`]),
    banner: { js: BANNER },
    plugins: [originalPaths],
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  // Anything else in the folder is left from an earlier build.
  const written = new Set(Object.keys(result.metafile.outputs).map((output) => resolve(ROOT, output)));
  for (const name of readdirSync(BUNDLE_DIR)) {
    if (!written.has(join(BUNDLE_DIR, name))) {
      rmSync(join(BUNDLE_DIR, name), { force: true });
    }
  }
  await writeFile(join(BUNDLE_DIR, 'meta.json'), JSON.stringify(result.metafile));
  return result.metafile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const metafile = await bundleServer();
  const bytes = Object.values(metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  process.stdout.write(`${relative(ROOT, BUNDLE_FILE)}: ${(bytes / 2 ** 20).toFixed(1)} MiB\n`);
}
