import type { Plugin } from 'vite';

interface BundleChunk {
  readonly type: 'chunk';
  readonly fileName: string;
  readonly isEntry: boolean;
  readonly facadeModuleId: string | null;
  readonly imports: readonly string[];
}

/**
 * Puts a second, import-free entry (built from `module`, listed in `build.rolldownOptions.input`) at the top
 * of index.html's head, before the app's entry: a plain module script runs once the page is parsed and its
 * own few bytes have arrived, while the app's entry waits for its whole import graph. Fails the build if that
 * entry grew imports, which would make it wait for them too.
 */
export function earlyScript(module: RegExp): Plugin {
  return {
    name: 'accord-early-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return [];
        const chunk = Object.values(bundle).find(
          (item): item is typeof item & BundleChunk =>
            item.type === 'chunk' && item.isEntry && item.facadeModuleId !== null && module.test(item.facadeModuleId),
        );
        if (!chunk) throw new Error(`early-script: the build has no entry matching ${module}; is it an input?`);
        if (chunk.imports.length > 0)
          throw new Error(`early-script: ${chunk.fileName} imports ${chunk.imports.join(', ')}; it must stand alone`);
        return [
          {
            tag: 'script',
            attrs: { type: 'module', crossorigin: true, src: `/${chunk.fileName}` },
            injectTo: 'head-prepend',
          },
        ];
      },
    },
  };
}
