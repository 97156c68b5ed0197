import type { TestDialect } from '@accord/db/test-databases';
import { templateById } from '@accord/core/templates';
import { requirementsSchema } from '@accord/core/model';
import type { Role } from '@accord/protocol/roles';
import { createApp, type AccordApp } from '../app.ts';
import { testConfig, type Config } from '../config.ts';
import { WorkshopRepository } from '../workshops/workshop.repository.ts';

export interface TestApp {
  readonly app: AccordApp;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** ws://127.0.0.1:<port>/yjs — the `serverUrl` of a WebsocketProvider. */
  readonly yjsUrl: string;
  /** A workshop from a template, stored as the server would create it. */
  createWorkshop(template?: 'messaging' | 'blank'): Promise<string>;
  /** A participant of a workshop and their session token. */
  join(workshopId: string, role: Role, name?: string): Promise<{ id: string; token: string }>;
  close(): Promise<void>;
}

/** An app on port 0 over a fresh, migrated database of one dialect; `close` removes the database too. */
export async function startTestApp(dialect: TestDialect, overrides: Partial<Config> = {}): Promise<TestApp> {
  const prepared = await dialect.prepare();
  const app = await createApp(testConfig(overrides), { database: prepared.options });
  return serve(app, () => prepared.cleanup());
}

/**
 * Another app on port 0, configured differently, over `host`'s open database, which must outlive it; `close`
 * leaves that database open. For tests whose subject is the configuration, not the storage: a fresh embedded
 * database costs about a second of CPU to open and close, a fresh PostgreSQL schema its migrations.
 */
export async function startSiblingApp(host: TestApp, overrides: Partial<Config> = {}): Promise<TestApp> {
  const app = await createApp(testConfig(overrides), { openDatabase: host.app.database });
  return serve(app, async () => undefined);
}

async function serve(app: AccordApp, cleanup: () => Promise<void>): Promise<TestApp> {
  const url = await app.listen();
  const workshops = new WorkshopRepository(app.database.db);
  return {
    app,
    url,
    yjsUrl: `${url.replace('http', 'ws')}/yjs`,
    createWorkshop: async (template = 'messaging') => {
      const requirements = requirementsSchema.parse(templateById(template)?.requirements);
      return (await workshops.create({ title: requirements.meta.title, template, requirements })).id;
    },
    join: async (workshopId, role, name = `${role} ${Math.random().toString(36).slice(2, 6)}`) => {
      const { participant, token } = await app.participants.create({ workshopId, name, role });
      return { id: participant.id, token };
    },
    close: async () => {
      await app.close();
      await cleanup();
    },
  };
}
