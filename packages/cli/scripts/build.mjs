// Builds the `accord` CLI to plain JavaScript, so a call starts in `node` at once instead of compiling
// TypeScript first (tsx took 1.8–2.9 s a call). Accord's workspace packages and the pure-JavaScript
// libraries are bundled in (resolving zod's hundred files at every start cost more than validating); the
// packages that load files relative to themselves (pdfkit's fonts, PGlite's WebAssembly) or native code
// stay ordinary imports from node_modules. Commands import what only they need when called, in chunks of
// their own. `bin/accord.mjs` runs the build when it is newer than every source, and the sources through
// tsx otherwise.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinModules } from 'node:module';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');

/** Packages that must be loaded from node_modules (files beside them, native code, workers). */
const FROM_NODE_MODULES = ['@electric-sql/pglite', 'pg', 'pdfkit', 'fontkit', 'date-holidays'];

const dependenciesExternal = {
  name: 'dependencies-external',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      const builtin = args.path.startsWith('node:') || builtinModules.includes(name);
      return builtin || FROM_NODE_MODULES.includes(name) ? { path: args.path, external: true } : undefined;
    });
  },
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const result = await build({
  absWorkingDir: root,
  metafile: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  logLevel: 'warning',
  plugins: [dependenciesExternal],
  // Bundled CommonJS libraries call `require` for Node's own modules.
  banner: {
    js: "import { createRequire as __accordRequire } from 'node:module'; const require = __accordRequire(import.meta.url);",
  },
  // Split: what a command imports only when called (PDF rendering, the database) is a chunk of its own.
  splitting: true,
  entryPoints: { accord: join(root, 'src/run.ts') },
  outdir: out,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
});
// What the build was made from, so `bin/accord.mjs` can tell a stale build (the lock file stands for the
// bundled libraries).
const sources = Object.keys(result.metafile.inputs).filter((path) => !path.includes('node_modules/'));
writeFileSync(join(out, 'sources.json'), JSON.stringify([...sources, '../../package-lock.json']));
