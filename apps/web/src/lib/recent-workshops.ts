import type { Role } from '@accord/protocol/roles';

/** A workshop this browser has been in, newest first; only what the start page shows. */
export interface RecentWorkshop {
  readonly id: string;
  readonly title: string;
  readonly role: Role;
  readonly name: string;
  /** ISO time this device last opened the room. */
  readonly openedAt: string;
}

const KEY = 'accord.recent-workshops';
const LIMIT = 12;

function isRecent(value: unknown): value is RecentWorkshop {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.title === 'string' &&
    typeof v.role === 'string' &&
    typeof v.name === 'string' &&
    typeof v.openedAt === 'string'
  );
}

/** Reads the list; anything unreadable (old format, hand-edited, storage blocked) counts as empty. */
export function readRecent(storage: Pick<Storage, 'getItem'> | undefined): RecentWorkshop[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isRecent) : [];
  } catch {
    return [];
  }
}

/** Puts a workshop first (replacing its older entry) and keeps the newest twelve. */
export function rememberWorkshop(
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined,
  entry: RecentWorkshop,
): RecentWorkshop[] {
  const list = [entry, ...readRecent(storage).filter((w) => w.id !== entry.id)].slice(0, LIMIT);
  try {
    storage?.setItem(KEY, JSON.stringify(list));
  } catch {
    // Private mode or a full quota: the list is a convenience, the workshop still works.
  }
  return list;
}

export function forgetWorkshop(
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined,
  id: string,
): RecentWorkshop[] {
  const list = readRecent(storage).filter((w) => w.id !== id);
  try {
    storage?.setItem(KEY, JSON.stringify(list));
  } catch {
    // As above: nothing to do when storage refuses.
  }
  return list;
}
