/**
 * Named moments of a room's first load (`accord:<name>` in the browser's performance timeline), so a
 * DevTools trace and the cold-load bench (e2e/scripts/cold-load-bench.ts) can tell where the time goes.
 * Each is marked once per page: the first time it happens.
 */
export type LoadMark =
  | 'entry'
  | 'room-code'
  | 'workshop'
  | 'doc-loaded'
  | 'doc-open'
  | 'doc-synced'
  | 'control-open'
  | 'phase-rendered'
  | 'phase-complete'
  | 'saved'
  | 'preview';

const marked = new Set<LoadMark>();

export function markLoad(name: LoadMark): void {
  if (marked.has(name) || typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  marked.add(name);
  performance.mark(`accord:${name}`);
}
