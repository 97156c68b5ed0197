import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { compileHints } from './scripts/compile-hints-plugin.ts';
import { earlyScript } from './scripts/early-script-plugin.ts';
import { precompress } from './scripts/precompress-plugin.ts';
import { preloadRoom } from './scripts/preload-room-plugin.ts';
import { roomChunk } from './scripts/room-chunk.ts';

/** In development the Accord server runs on :3000; Vite proxies the API and both websocket paths to it. */
const server = process.env.ACCORD_SERVER ?? 'http://127.0.0.1:3000';

/**
 * The YAML parser comes with the requirements-file module, but the browser only validates parsed JSON;
 * yaml declares no `sideEffects`, so without this its unused modules land in the room's JS and the
 * preview worker.
 */
const treeshake = {
  moduleSideEffects: (id: string) => (/[\\/]node_modules[\\/]yaml[\\/]/.test(id) ? false : undefined),
};

export default defineConfig({
  plugins: [
    svelte(),
    earlyScript(/\/early\/room-socket\.ts$/),
    preloadRoom(),
    // The entry and the room's chunk run almost whole on every room load: compiled as they stream in.
    compileHints(['index', 'RoomPage']),
    precompress(),
  ],
  build: {
    target: 'es2022',
    sourcemap: true,
    manifest: true,
    rolldownOptions: {
      treeshake,
      // The room's websocket opens from a script of its own, before the app's code has arrived.
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        'room-socket': fileURLToPath(new URL('src/early/room-socket.ts', import.meta.url)),
      },
      // The room's code in one file, so the page's first requests fit the browser's six connections.
      output: {
        codeSplitting: {
          groups: [{ name: roomChunk(new URL('./', import.meta.url)), includeDependenciesRecursively: false }],
        },
      },
    },
  },
  // The live preview's engine runs in a module worker (src/room/session/preview-worker.ts).
  worker: { format: 'es', rolldownOptions: { treeshake } },
  server: {
    proxy: {
      '/api': server,
      '/yjs': { target: server, ws: true },
      '/socket.io': { target: server, ws: true },
    },
  },
});
