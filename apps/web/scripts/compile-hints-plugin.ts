import type { Plugin } from 'vite';

/**
 * V8's explicit compile hint (Chrome 136+): every function of the file is compiled as the file streams in,
 * on the background thread that parses it, instead of lazily on the main thread at its first call. Other
 * engines read it as a comment.
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/**
 * The chunk's code with the hint on its first line (V8 reads it only there), and its source map (JSON) shifted
 * down by the line the hint adds, an empty first line in the mappings, so stack traces and profiles still
 * point at the source. A chunk that has the hint already is left as it is.
 */
export function withCompileHint(code: string, map?: string): { code: string; map?: string } {
  if (code.startsWith(COMPILE_HINT)) return { code, ...(map === undefined ? {} : { map }) };
  const hinted = `${COMPILE_HINT}\n${code}`;
  if (map === undefined) return { code: hinted };
  const parsed = JSON.parse(map) as { mappings: string };
  return { code: hinted, map: JSON.stringify({ ...parsed, mappings: `;${parsed.mappings}` }) };
}

interface BundleItem {
  readonly type: 'chunk' | 'asset';
  readonly name?: string;
  code?: string;
  source?: string | Uint8Array;
}

/**
 * A cold room load on a phone spent about a third of its main-thread script time compiling functions at
 * their first call: most of the entry's code (Svelte, zod) and of the room's chunk runs while the room
 * opens. Hinted, the browser compiles them while the bytes arrive over the network, the slower of the two.
 * Only the chunks every room load runs are hinted: the lazy ones (sign-off, the holiday tables, the tools)
 * would be compiled whole for nothing. After Vite's own `generateBundle`, which writes the chunks' first line.
 */
export function compileHints(chunks: readonly string[]): Plugin {
  return {
    name: 'accord-compile-hints',
    apply: 'build',
    // The hint changes the file, so it changes the file's name too: assets are served as immutable.
    augmentChunkHash(chunk) {
      return chunks.includes(chunk.name) ? COMPILE_HINT : undefined;
    },
    generateBundle: {
      order: 'post',
      handler(options, bundle) {
        const items = bundle as unknown as Record<string, BundleItem>;
        const hinted = new Set<string>();
        for (const [fileName, chunk] of Object.entries(items)) {
          if (chunk.type !== 'chunk' || !chunks.includes(chunk.name ?? '') || chunk.code === undefined) continue;
          // Two chunks of one name (a package's `index`): which one the room runs first is not known here.
          if (hinted.has(chunk.name ?? '')) this.error(`compile-hints: more than one chunk is named ${chunk.name}`);
          const mapAsset = items[`${fileName}.map`];
          // An unshifted map would put every profile and stack trace one line off, without a word.
          if (options.sourcemap && !mapAsset) this.error(`compile-hints: ${fileName} has no source map to shift`);
          const source = mapAsset?.source;
          const map = source === undefined || typeof source === 'string' ? source : new TextDecoder().decode(source);
          const result = withCompileHint(chunk.code, map);
          chunk.code = result.code;
          if (mapAsset && result.map !== undefined) mapAsset.source = result.map;
          hinted.add(chunk.name ?? '');
        }
        // A renamed chunk would lose its hint without a word: the room would just load slower.
        const missing = chunks.filter((name) => !hinted.has(name));
        if (missing.length > 0) this.error(`compile-hints: the build has no chunk named ${missing.join(', ')}`);
      },
    },
  };
}
