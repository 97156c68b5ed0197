import { describe, expect, it } from 'vitest';
import { savedLabel, savedState, type SyncFacts } from './saved-indicator.ts';

const live: SyncFacts = {
  online: true,
  connected: true,
  synced: true,
  allSaved: true,
  readOnly: false,
  stopped: false,
};

describe('savedState', () => {
  it('says saved only when the server has stored every local change', () => {
    expect(savedState(live)).toBe('saved');
    expect(savedState({ ...live, allSaved: false })).toBe('saving');
  });
  it('is connecting until the first sync completes, even if nothing is unsaved', () => {
    expect(savedState({ ...live, synced: false })).toBe('connecting');
  });
  it('says offline, and whether local changes wait to be sent', () => {
    expect(savedState({ ...live, connected: false })).toBe('offline');
    expect(savedState({ ...live, connected: false, allSaved: false })).toBe('offline-unsaved');
    expect(savedState({ ...live, online: false, allSaved: false })).toBe('offline-unsaved');
  });
  it('never claims saved for a read-only participant, whose edits the server drops', () => {
    expect(savedState({ ...live, readOnly: true, allSaved: false })).toBe('read-only');
    expect(savedState({ ...live, readOnly: true, connected: false, allSaved: false })).toBe('offline');
  });
  it('reports a connection the server closed for good', () => {
    expect(savedState({ ...live, stopped: true })).toBe('stopped');
  });
});

describe('savedLabel', () => {
  it('tells a sponsor what they do, not "read-only" (they propose, vote and sign)', () => {
    expect(savedLabel('read-only', 'sponsor')).toBe('Live — you review and sign');
    expect(savedLabel('read-only', 'observer')).toBe('Live — you follow, read-only');
  });
  it('says the connection state the same way for everyone else', () => {
    expect(savedLabel('saved', 'stakeholder')).toBe('All changes saved');
    expect(savedLabel('offline', 'sponsor')).toBe('Offline');
  });
});
