// Builds the server (and the `accord` CLI) to plain JavaScript, so production starts them with `node`
// itself: no npm, no sh, no tsx between the init and the process that must receive SIGTERM. Accord's own
// workspace packages (TypeScript sources) are bundled in; every npm dependency stays an ordinary import,
// resolved from node_modules at run time (PGlite's WebAssembly, pdfkit's fonts and native modules load
// their files relative to themselves). An optional argument names another output folder (the tests build
// the server once per run this way and start it as production does, without recompiling it through tsx).
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ? resolve(process.argv[2]) : join(root, 'dist');

/** Bundle `@accord/*` and relative imports; leave npm packages and Node built-ins as imports. */
const dependenciesExternal = {
  name: 'dependencies-external',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@accord/') ? undefined : { path: args.path, external: true },
    );
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [dependenciesExternal],
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// Split: what the server imports on first use (the renderers, PDFKit and its fonts) sits in a chunk of its own,
// loaded with the first document rather than at start.
await build({
  ...common,
  entryPoints: { server: join(root, 'src/index.ts') },
  outdir: out,
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
await build({
  ...common,
  stdin: {
    contents: [
      "import { main } from './src/main.ts';",
      'process.exitCode = await main(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });',
    ].join('\n'),
    resolveDir: join(root, '../../packages/cli'),
    sourcefile: 'accord.mjs',
    loader: 'ts',
  },
  outfile: join(out, 'accord.mjs'),
});
// The embedded database's thread is started from a file beside the code that opens it.
copyFileSync(join(root, '../../db/src/pglite-worker.mjs'), join(out, 'pglite-worker.mjs'));
