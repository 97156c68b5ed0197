import type { Migration, MigrationProvider } from 'kysely/migration';
import * as yjsPersistence from './2026-11-24T0001-yjs-persistence.ts';
import * as workshopsAndParticipants from './2026-11-24T0002-workshops-and-participants.ts';
import * as uniqueParticipantNames from './2026-11-25T0003-unique-participant-names.ts';
import * as quarantinedUpdates from './2026-12-06T01-quarantined-updates.ts';
import * as recordedVotes from './2026-12-06T0201-recorded-votes.ts';
import * as namedSeatsAndEvidence from './2026-12-06T0301-named-seats-and-evidence.ts';

/**
 * Every migration, by name, in order. A static list rather than a folder scan: it works the same under tsx,
 * vitest and a bundler, which cannot all load `.ts` files from disk at run time.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026-11-24T0001-yjs-persistence': yjsPersistence,
  '2026-11-24T0002-workshops-and-participants': workshopsAndParticipants,
  '2026-11-25T0003-unique-participant-names': uniqueParticipantNames,
  '2026-12-06T01-quarantined-updates': quarantinedUpdates,
  '2026-12-06T0201-recorded-votes': recordedVotes,
  '2026-12-06T0301-named-seats-and-evidence': namedSeatsAndEvidence,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
