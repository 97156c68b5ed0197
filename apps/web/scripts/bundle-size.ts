/**
 * The JS a browser must load before the workshop room can paint: the entry chunk plus the room's route
 * chunk and everything they import statically (lazy chunks — the derive engine, sign-off, facilitator
 * tools — are left out). Builds the client, reads Vite's manifest, prints gzip sizes, and fails above the
 * budget of 200 KB gzip, or when a package the room loads later (socket.io's client) is in the first load.
 *
 *   npm run bench -w @accord/web            # build, then measure
 *   npm run bench -w @accord/web -- --no-build
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';

const BUDGET_BYTES = 200 * 1024;
/**
 * Packages the room asks for only once its code runs, in chunks of their own: the control plane's socket.io
 * client (src/room/session/control-channel.svelte.ts). One static import anywhere pulls them back into the
 * first load.
 */
const LATER =
  /[\\/]node_modules[\\/](socket\.io-client|engine\.io-client|socket\.io-parser|engine\.io-parser|@socket\.io[\\/]component-emitter)[\\/]/;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

interface ManifestChunk {
  readonly file: string;
  readonly name?: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
}

if (!process.argv.includes('--no-build')) await build({ root, logLevel: 'warn' });
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
  string,
  ManifestChunk
>;

// Every entry loads with the page: the app's (index.html) and the early room socket's (src/early/).
const entries = Object.entries(manifest)
  .filter(([, chunk]) => chunk.isEntry)
  .map(([key]) => key);
// The room's chunk: RoomPage's own, or the one vite.config.ts's room group gathers it into (named after it).
const room = Object.entries(manifest).find(
  ([key, chunk]) => key.endsWith('room/RoomPage.svelte') || chunk.name === 'RoomPage',
)?.[0];
if (!entries.includes('index.html') || !room)
  throw new Error('the manifest has no index.html entry or no room chunk: did the build change shape?');

const initial = new Set<string>();
const visit = (key: string): void => {
  if (initial.has(key)) return;
  initial.add(key);
  for (const imported of manifest[key]?.imports ?? []) visit(imported);
};
for (const entry of entries) visit(entry);
visit(room);

let total = 0;
let totalRaw = 0;
let totalBrotli = 0;
const rows = [...initial].map((key) => {
  const file = manifest[key]?.file ?? key;
  const content = readFileSync(join(dist, file));
  const gzip = gzipSync(content, { level: 9 }).byteLength;
  const brotli = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength;
  total += gzip;
  totalRaw += content.byteLength;
  totalBrotli += brotli;
  return {
    chunk: file,
    rawKb: (content.byteLength / 1024).toFixed(1),
    gzipKb: (gzip / 1024).toFixed(1),
    brotliKb: (brotli / 1024).toFixed(1),
  };
});
console.table(rows);
// The source maps name every module a chunk holds (rolldown's small runtime chunk has none).
const early = [...initial].flatMap((key) => {
  const file = manifest[key]?.file ?? key;
  const mapFile = join(dist, `${file}.map`);
  if (!existsSync(mapFile)) {
    // Without its map a chunk could hold anything: say so rather than pass.
    if (!/rolldown-runtime/.test(file)) {
      console.error(`${file} has no source map: the build must write them for this check`);
      process.exitCode = 1;
    }
    return [];
  }
  const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: readonly string[] };
  return map.sources.filter((source) => LATER.test(source)).map((source) => `${file}: ${source}`);
});
if (early.length > 0) {
  console.error(`loaded later, yet in the first load:\n  ${early.join('\n  ')}`);
  process.exitCode = 1;
}
const verdict = total <= BUDGET_BYTES ? 'within' : 'OVER';
console.log(
  `room page initial JS: ${(totalRaw / 1024).toFixed(1)} KB raw, ${(total / 1024).toFixed(1)} KB gzip (${verdict} the ${BUDGET_BYTES / 1024} KB budget), ${(totalBrotli / 1024).toFixed(1)} KB brotli`,
);
if (total > BUDGET_BYTES) process.exitCode = 1;
