import { randomBytes } from 'node:crypto';
import {
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The lock's file name inside the data folder (PostgreSQL ignores files it does not know there). */
export const LOCK_FILE = 'accord.lock';

/** Who holds a data folder, as written in its lock file. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** When the holder took the folder (ISO 8601). */
  readonly since: string;
  /** Tells one holding apart from the next, even under the same PID. */
  readonly nonce: string;
  /** Where the holder serves HTTP, once it listens (`accord backup` asks it for a snapshot there). */
  readonly url?: string;
  /** Bearer secret for the holder's backup route; the lock file is readable by its owner only. */
  readonly backupToken: string;
}

export interface LockOptions {
  /** How often the holder touches the lock to show it is alive, ms. */
  readonly heartbeatMs?: number;
  /** A lock whose heartbeat is older than this is stale, whoever wrote it, ms. */
  readonly staleAfterMs?: number;
  /** Called if another process has taken the folder over (this one was frozen past `staleAfterMs`). */
  readonly onLost?: (holder: LockHolder | undefined) => void;
}

export interface DataDirLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** How the previous holder's lock was found stale, when this one took it over. */
  readonly tookOver: string | undefined;
  /** Records the URL this process serves on, for `accord backup`. */
  advertise(url: string): void;
  /** Removes the lock (only if it is still this process's). */
  release(): void;
}

/** The data folder is held by a live process; the message names it. */
export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
    staleAfterMs: number,
  ) {
    super(
      `the data folder ${dataDir} is in use by another Accord process (PID ${holder.pid} on host ${holder.host}, since ${holder.since}). ` +
        "Two processes on one embedded database would overwrite each other's writes. Stop that process, or set DATA_DIR to another folder. " +
        `A lock left behind by a process that no longer runs is taken over automatically${holder.host === hostname() ? '' : ` once it has had no heartbeat for ${Math.round(staleAfterMs / 1000)} s (it was written on another host)`}.`,
    );
    this.name = 'DataDirInUse';
  }
}

const DEFAULTS = { heartbeatMs: 5_000, staleAfterMs: 30_000 };
/** A takeover marker older than this belongs to a taker that died mid-way. */
const MARKER_STALE_MS = 10_000;
/** Lock files this process holds: a second open in the same process is refused too. */
const held = new Set<string>();

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Whether a process with this PID exists on this host (EPERM: it exists, under another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errno(error) === 'EPERM';
  }
}

interface Found {
  readonly holder: LockHolder;
  /** Milliseconds since the holder's last heartbeat. */
  readonly ageMs: number;
}

function readLock(path: string): Found | undefined {
  let text: string;
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (errno(error) === 'ENOENT') return undefined;
    throw error;
  }
  const ageMs = Date.now() - mtimeMs;
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (
      typeof parsed.pid === 'number' &&
      typeof parsed.host === 'string' &&
      typeof parsed.since === 'string' &&
      typeof parsed.nonce === 'string'
    ) {
      return { holder: { backupToken: '', ...parsed } as LockHolder, ageMs };
    }
  } catch {
    // Unreadable: fall through to an anonymous holder that only its age can make stale.
  }
  return {
    holder: {
      pid: 0,
      host: 'unknown',
      since: new Date(mtimeMs).toISOString(),
      nonce: `unreadable-${mtimeMs}`,
      backupToken: '',
    },
    ageMs,
  };
}

/** Why a found lock no longer protects anything, or undefined while its holder may still be writing. */
function staleReason(path: string, found: Found, staleAfterMs: number): string | undefined {
  const { holder, ageMs } = found;
  if (holder.host === hostname()) {
    // A container restarts its server under the same PID: our own PID in a lock we do not hold is a leftover.
    if (holder.pid === process.pid && !held.has(path))
      return `it was left by an earlier process with this PID (${holder.pid})`;
    if (holder.pid !== process.pid && !alive(holder.pid)) return `PID ${holder.pid} is no longer running`;
  }
  if (ageMs > staleAfterMs) return `it has had no heartbeat for ${Math.round(ageMs / 1000)} s`;
  return undefined;
}

/** Writes the holder to a private file and links it into place: the lock appears whole or not at all. */
function writeNew(path: string, holder: LockHolder): boolean {
  const tmp = `${path}.${holder.nonce}.tmp`;
  writeFileSync(tmp, JSON.stringify(holder), { mode: 0o600 });
  try {
    linkSync(tmp, path);
    return true;
  } catch (error) {
    if (errno(error) === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(tmp);
  }
}

/**
 * Replaces a stale lock, as a compare-and-swap: only the process that creates the marker named after the
 * stale lock's nonce may replace that lock, and it checks the nonce again once it holds the marker. Two
 * processes taking over at once cannot both win; one that arrives late sees a different nonce and stops.
 */
function replaceStale(path: string, staleNonce: string, holder: LockHolder): 'taken' | 'retry' {
  const marker = `${path}.takeover-${staleNonce}`;
  try {
    writeFileSync(marker, String(process.pid), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if (errno(error) !== 'EEXIST') throw error;
    try {
      if (Date.now() - statSync(marker).mtimeMs > MARKER_STALE_MS) unlinkSync(marker);
    } catch {
      // Gone already: another taker finished.
    }
    return 'retry';
  }
  try {
    if (readLock(path)?.holder.nonce !== staleNonce) return 'retry';
    const tmp = `${path}.${holder.nonce}.tmp`;
    writeFileSync(tmp, JSON.stringify(holder), { mode: 0o600 });
    renameSync(tmp, path);
    return 'taken';
  } finally {
    unlinkSync(marker);
  }
}

/**
 * Makes this process the one owner of an embedded data folder, or throws `DataDirInUse` at once, naming the
 * holder. A lock left by a killed process is detected (its PID is gone on this host, or its heartbeat has
 * stopped) and taken over. The holder touches the lock every few seconds; should it find the lock taken
 * over (the process was frozen longer than `staleAfterMs`), `onLost` tells it to stop writing.
 */
export function acquireDataDirLock(dataDir: string, options: LockOptions = {}): DataDirLock {
  const { heartbeatMs, staleAfterMs } = { ...DEFAULTS, ...options };
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  let holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    nonce: randomBytes(12).toString('hex'),
    backupToken: randomBytes(24).toString('hex'),
  };
  let tookOver: string | undefined;
  for (let attempt = 0; ; attempt++) {
    if (attempt === 50) throw new Error(`cannot take the lock ${path}: other processes keep changing it`);
    if (writeNew(path, holder)) break;
    const found = readLock(path);
    if (!found) continue;
    if (held.has(path)) throw new DataDirInUse(dataDir, found.holder, staleAfterMs);
    const reason = staleReason(path, found, staleAfterMs);
    if (reason === undefined) throw new DataDirInUse(dataDir, found.holder, staleAfterMs);
    if (replaceStale(path, found.holder.nonce, holder) === 'taken') {
      tookOver = `took over a stale lock of PID ${found.holder.pid} on ${found.holder.host} (since ${found.holder.since}): ${reason}`;
      break;
    }
    sleepSync(20);
  }
  held.add(path);

  let released = false;
  const stop = (): void => {
    released = true;
    clearInterval(timer);
    held.delete(path);
  };
  const timer = setInterval(() => {
    const found = readLock(path);
    if (found?.holder.nonce !== holder.nonce) {
      stop();
      options.onLost?.(found?.holder);
      return;
    }
    const now = new Date();
    try {
      utimesSync(path, now, now);
    } catch {
      // Removed between the read and the touch: the next beat reports it lost.
    }
  }, heartbeatMs);
  timer.unref();

  return {
    path,
    get holder() {
      return holder;
    },
    tookOver,
    advertise(url) {
      if (released) return;
      holder = { ...holder, url };
      const tmp = `${path}.${holder.nonce}.tmp`;
      writeFileSync(tmp, JSON.stringify(holder), { mode: 0o600 });
      renameSync(tmp, path);
    },
    release() {
      if (released) return;
      stop();
      if (readLock(path)?.holder.nonce !== holder.nonce) return;
      try {
        unlinkSync(path);
      } catch (error) {
        if (errno(error) !== 'ENOENT') throw error;
      }
    },
  };
}

/** The folder's lock as found, and whether its holder is still live (for `accord backup` and `restore`). */
export function inspectDataDirLock(
  dataDir: string,
  staleAfterMs = DEFAULTS.staleAfterMs,
): { readonly holder: LockHolder; readonly live: boolean } | undefined {
  const path = join(dataDir, LOCK_FILE);
  const found = readLock(path);
  if (!found) return undefined;
  return { holder: found.holder, live: staleReason(path, found, staleAfterMs) === undefined || held.has(path) };
}
