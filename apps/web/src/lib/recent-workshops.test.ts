import { describe, expect, it } from 'vitest';
import { forgetWorkshop, readRecent, rememberWorkshop, type RecentWorkshop } from './recent-workshops.ts';

function memoryStorage(initial: Record<string, string> = {}): Pick<Storage, 'getItem' | 'setItem'> {
  const data = new Map(Object.entries(initial));
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const entry = (id: string, openedAt = '2026-11-25T10:00:00Z'): RecentWorkshop => ({
  id,
  title: `W ${id}`,
  role: 'stakeholder',
  name: 'Anna',
  openedAt,
});

describe('recent workshops', () => {
  it('puts the latest first without duplicates', () => {
    const storage = memoryStorage();
    rememberWorkshop(storage, entry('a'));
    rememberWorkshop(storage, entry('b'));
    rememberWorkshop(storage, entry('a', '2026-11-25T11:00:00Z'));
    expect(readRecent(storage).map((w) => w.id)).toEqual(['a', 'b']);
  });
  it('keeps twelve', () => {
    const storage = memoryStorage();
    for (let i = 0; i < 15; i += 1) rememberWorkshop(storage, entry(`w${i}`));
    expect(readRecent(storage)).toHaveLength(12);
    expect(readRecent(storage)[0]?.id).toBe('w14');
  });
  it('treats unreadable storage as empty and drops malformed entries', () => {
    expect(readRecent(memoryStorage({ 'accord.recent-workshops': '{nope' }))).toEqual([]);
    expect(
      readRecent(memoryStorage({ 'accord.recent-workshops': JSON.stringify([{ id: 1 }, entry('ok')]) })).map(
        (w) => w.id,
      ),
    ).toEqual(['ok']);
    expect(readRecent(undefined)).toEqual([]);
  });
  it('forgets one', () => {
    const storage = memoryStorage();
    rememberWorkshop(storage, entry('a'));
    rememberWorkshop(storage, entry('b'));
    expect(forgetWorkshop(storage, 'a').map((w) => w.id)).toEqual(['b']);
  });
});
