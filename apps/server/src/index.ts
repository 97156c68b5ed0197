// The Accord server process: read the config once, build the app, listen, and shut down gracefully.
// The container starts this file (built to dist/server.mjs) as `node` under an init, so SIGTERM reaches it.
import { errorMessage } from '@accord/db/error-message';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';

const loaded = loadConfig();
if (!loaded.ok) {
  console.error(loaded.error);
  process.exit(2);
}
const app = await createApp(loaded.config, {
  // Someone else owns the data folder now: leave at once, writing nothing more (clients resend what is unsaved).
  onLockLost: () => process.exit(1),
}).catch((error: unknown) => {
  // A database that cannot be opened, migrated or is owned by another process: say which and stop.
  console.error(`Accord cannot start: ${errorMessage(error)}`);
  process.exit(1);
});
const url = await app.listen().catch((error: unknown) => {
  console.error(`Accord cannot listen on ${loaded.config.host}:${loaded.config.port}: ${errorMessage(error)}`);
  process.exit(1);
});
app.logger.info(
  { url, database: app.database.dialect, ...(app.database.lock ? { dataDir: loaded.config.dataDir } : {}) },
  'Accord is listening',
);
if (app.database.lock) console.log(`Accord keeps its data in ${loaded.config.dataDir}`);
console.log(`Accord is running at ${url.replace('127.0.0.1', 'localhost')}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const started = performance.now();
    app.logger.info({ signal }, 'shutting down');
    app.close().then(
      () => {
        app.logger.info({ ms: Math.round(performance.now() - started) }, 'shut down');
        process.exit(0);
      },
      (error: unknown) => {
        app.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
