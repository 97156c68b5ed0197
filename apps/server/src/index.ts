// The Accord server process: read the config once, build the app, listen, and shut down gracefully.
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';

const loaded = loadConfig();
if (!loaded.ok) {
  console.error(loaded.error);
  process.exit(2);
}
const app = await createApp(loaded.config).catch((error: unknown) => {
  // A database that cannot be opened or migrated: say which and stop, rather than serve without storage.
  console.error(`Accord cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
const url = await app.listen().catch((error: unknown) => {
  console.error(`Accord cannot listen on ${loaded.config.host}:${loaded.config.port}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
app.logger.info({ url, database: app.database.dialect }, 'Accord is listening');
console.log(`Accord is running at ${url.replace('127.0.0.1', 'localhost')}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    app.close().then(() => process.exit(0), (error: unknown) => {
      app.logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  });
}
