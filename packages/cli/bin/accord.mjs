#!/usr/bin/env node
// `npm run build` compiles the CLI to `dist/` (`scripts/build.mjs`), which
// starts in a few hundred milliseconds. Without a build, or when any source is newer than it, the
// TypeScript sources run through tsx instead: slower to start, the same result.
import { readFileSync, statSync } from 'node:fs';

const here = new URL('../', import.meta.url);

function freshBuild() {
  try {
    const built = statSync(new URL('dist/accord.mjs', here)).mtimeMs;
    const sources = JSON.parse(readFileSync(new URL('dist/sources.json', here), 'utf8'));
    return sources.every((path) => statSync(new URL(path, here)).mtimeMs <= built);
  } catch {
    return false;
  }
}

if (freshBuild()) {
  await import('../dist/accord.mjs');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/run.ts');
}
