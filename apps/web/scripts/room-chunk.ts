import { fileURLToPath } from 'node:url';

/** What a chunking group's `name` function may ask rolldown about the module graph. */
interface ChunkingContext {
  getModuleInfo(id: string): { readonly importedIds: readonly string[] } | null;
}

/**
 * A rolldown chunking group's `name`: everything the room's page imports statically and the app's entry
 * does not, in one chunk. Split by sharing, as rolldown splits by default, the room's code came in five
 * files, and with the early socket's script and two stylesheets the page asked for more files at once than
 * a browser fetches in parallel from one HTTP/1.1 origin (six): on Fast 3G those that waited for a free
 * connection arrived half a second after the rest. Sign-off, the tools dialog, the preview's fallback and
 * the control plane's socket.io client stay lazy (they are not static imports), and the entry keeps its own
 * modules (Svelte, zod), so the group is used with `includeDependenciesRecursively: false`.
 */
export function roomChunk(root: URL): (id: string, ctx: ChunkingContext) => string | null {
  let room: Set<string> | undefined;
  return (id, ctx) => {
    if (!room) {
      const entry = reachable(fileURLToPath(new URL('src/main.ts', root)), ctx);
      room = reachable(fileURLToPath(new URL('src/room/RoomPage.svelte', root)), ctx, entry);
      if (room.size < 2) throw new Error('room-chunk: RoomPage.svelte imports nothing; did it move?');
    }
    return room.has(id) ? 'RoomPage' : null;
  };
}

/** The modules `start` imports statically, directly or not, short of those in `skip`. */
function reachable(start: string, ctx: ChunkingContext, skip = new Set<string>()): Set<string> {
  const seen = new Set<string>();
  const pending = [start];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (seen.has(id) || skip.has(id)) continue;
    seen.add(id);
    pending.push(...(ctx.getModuleInfo(id)?.importedIds ?? []));
  }
  return seen;
}
