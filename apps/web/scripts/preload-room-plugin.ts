import type { Plugin } from 'vite';

interface BundleChunk {
  readonly type: 'chunk';
  readonly fileName: string;
  readonly isEntry: boolean;
  readonly facadeModuleId: string | null;
  readonly moduleIds: readonly string[];
  readonly imports: readonly string[];
  readonly viteMetadata?: { readonly importedCss: ReadonlySet<string> };
}

/**
 * Every way into Accord ends in a workshop room, whose code is a lazy chunk loaded only once the entry has
 * run: on a phone network that is one more round trip before the room can even ask for its workshop. This
 * names the room's chunk, its static imports and its stylesheet in index.html, so the browser fetches them
 * alongside the entry.
 */
export function preloadRoom(room = /\/room\/RoomPage\.svelte$/): Plugin {
  return {
    name: 'accord-preload-room',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return [];
        const chunks = new Map<string, BundleChunk>();
        for (const item of Object.values(bundle))
          if (item.type === 'chunk') chunks.set(item.fileName, item as unknown as BundleChunk);
        // The room's own chunk, or the chunk vite.config.ts's room group gathered it into.
        const start = [...chunks.values()].find(
          (chunk) =>
            (chunk.facadeModuleId !== null && room.test(chunk.facadeModuleId)) ||
            chunk.moduleIds.some((id) => room.test(id)),
        );
        if (!start) throw new Error('preload-room: the build has no room chunk; did RoomPage.svelte move?');
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const visit = (chunk: BundleChunk): void => {
          if (chunk.isEntry || scripts.has(chunk.fileName)) return;
          scripts.add(chunk.fileName);
          for (const css of chunk.viteMetadata?.importedCss ?? []) styles.add(css);
          for (const imported of chunk.imports) {
            const next = chunks.get(imported);
            if (next) visit(next);
          }
        };
        visit(start);
        return [
          ...[...styles].map((href) => ({
            tag: 'link',
            attrs: { rel: 'preload', as: 'style', href: `/${href}`, crossorigin: true },
            injectTo: 'head' as const,
          })),
          ...[...scripts].map((href) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', href: `/${href}`, crossorigin: true },
            injectTo: 'head' as const,
          })),
        ];
      },
    },
  };
}
