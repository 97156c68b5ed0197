import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acquireDataDirLock, DataDirInUse, inspectDataDirLock, LOCK_FILE, type LockHolder } from './data-dir-lock.ts';
import { errorMessage } from './error-message.ts';

const LOCK_MODULE = new URL('./data-dir-lock.ts', import.meta.url).href;
const dirs: string[] = [];
const children: ChildProcess[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'accord-lock-'));
  dirs.push(dir);
  return dir;
}

/** A separate process that takes the lock and prints `held` or `refused: …`, then waits to be killed. */
function lockInChild(dataDir: string): Promise<{ child: ChildProcess; line: string }> {
  const script = `
    const { acquireDataDirLock } = await import(${JSON.stringify(LOCK_MODULE)});
    try { acquireDataDirLock(${JSON.stringify(dataDir)}); console.log('held'); setInterval(() => {}, 1000); }
    catch (error) { console.log('refused: ' + error.message); process.exit(3); }`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) resolve({ child, line });
    });
    child.once('exit', (code) => {
      if (!out.includes('\n')) reject(new Error(`lock child exited with ${code}`));
    });
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    }
  });
}

function writeLock(dataDir: string, holder: Partial<LockHolder>, ageMs: number): void {
  const path = join(dataDir, LOCK_FILE);
  writeFileSync(
    path,
    JSON.stringify({
      pid: 1,
      host: hostname(),
      since: '2026-12-01T08:00:00.000Z',
      nonce: 'n0',
      backupToken: 't',
      ...holder,
    }),
  );
  const then = new Date(Date.now() - ageMs);
  utimesSync(path, then, then);
}

afterEach(async () => {
  vi.useRealTimers();
  for (const child of children.splice(0)) await killed(child);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('data folder lock', () => {
  it('refuses a second process at once, naming the holder; a SIGKILLed holder is taken over', async () => {
    const dataDir = tempDir();
    const owner = await lockInChild(dataDir);
    expect(owner.line).toBe('held');
    const started = Date.now();
    let refusal: unknown;
    try {
      acquireDataDirLock(dataDir);
    } catch (error) {
      refusal = error;
    }
    expect(Date.now() - started).toBeLessThan(1000);
    expect(refusal).toBeInstanceOf(DataDirInUse);
    const message = (refusal as Error).message;
    expect(message).toContain(`PID ${owner.child.pid} on host ${hostname()}`);
    expect(message).toMatch(/since \d{4}-\d\d-\d\dT/);
    expect(message).toContain(dataDir);
    // A second process sees the same.
    const second = await lockInChild(dataDir);
    expect(second.line).toContain(
      `refused: the data folder ${dataDir} is in use by another Accord process (PID ${owner.child.pid}`,
    );

    await killed(owner.child);
    const lock = acquireDataDirLock(dataDir);
    expect(lock.tookOver).toContain(`PID ${owner.child.pid} is no longer running`);
    expect(lock.holder.pid).toBe(process.pid);
    expect((JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as LockHolder).nonce).toBe(lock.holder.nonce);
    expect(statSync(join(dataDir, LOCK_FILE)).mode & 0o077).toBe(0);
    lock.release();
    expect(inspectDataDirLock(dataDir)).toBeUndefined();
  });

  it('refuses a second open in the same process and allows it after release', () => {
    const dataDir = tempDir();
    const first = acquireDataDirLock(dataDir);
    expect(() => acquireDataDirLock(dataDir)).toThrow(DataDirInUse);
    first.release();
    acquireDataDirLock(dataDir).release();
  });

  it('trusts a fresh lock from another host, and takes it over once its heartbeat has stopped', () => {
    const dataDir = tempDir();
    writeLock(dataDir, { pid: 4242, host: 'other-host' }, 1_000);
    expect(() => acquireDataDirLock(dataDir)).toThrow(
      /PID 4242 on host other-host.*no heartbeat for 30 s \(it was written on another host\)/,
    );
    writeLock(dataDir, { pid: 4242, host: 'other-host' }, 60_000);
    const lock = acquireDataDirLock(dataDir);
    expect(lock.tookOver).toMatch(/no heartbeat for 60 s/);
    lock.release();
  });

  it('treats its own PID in a lock it does not hold as left over (a restarted container reuses PIDs)', () => {
    const dataDir = tempDir();
    writeLock(dataDir, { pid: process.pid }, 0);
    const lock = acquireDataDirLock(dataDir);
    expect(lock.tookOver).toContain('earlier process with this PID');
    lock.release();
  });

  it('lets exactly one of several processes take over the same stale lock', async () => {
    const dataDir = tempDir();
    writeLock(dataDir, { pid: 999_999_9 }, 0);
    const results = await Promise.all([1, 2, 3, 4].map(() => lockInChild(dataDir)));
    expect(results.filter((r) => r.line === 'held')).toHaveLength(1);
    expect(results.filter((r) => r.line.startsWith('refused: the data folder'))).toHaveLength(3);
  }, 30_000);

  it('tells the holder when another process has taken its folder', () => {
    const dataDir = tempDir();
    const lost: (LockHolder | undefined)[] = [];
    // Five heartbeats on a fake clock: the first finds the intruder, the rest must not tell the holder again.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const lock = acquireDataDirLock(dataDir, { heartbeatMs: 20, onLost: (by) => lost.push(by) });
    writeLock(dataDir, { pid: 77, nonce: 'intruder' }, 0);
    vi.advanceTimersByTime(100);
    expect(lost.map((h) => h?.nonce)).toEqual(['intruder']);
    lock.release();
    expect(inspectDataDirLock(dataDir)?.holder.nonce).toBe('intruder');
  });

  it('keeps the heartbeat fresh and records the advertised URL', () => {
    const dataDir = tempDir();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const lock = acquireDataDirLock(dataDir, { heartbeatMs: 20 });
    const then = new Date(Date.now() - 60_000);
    utimesSync(lock.path, then, then);
    vi.advanceTimersByTime(100);
    expect(Date.now() - statSync(lock.path).mtimeMs).toBeLessThan(5_000);
    lock.advertise('http://127.0.0.1:3000');
    expect(inspectDataDirLock(dataDir)).toMatchObject({
      live: true,
      holder: { url: 'http://127.0.0.1:3000', nonce: lock.holder.nonce },
    });
    lock.release();
  });
});

describe('errorMessage', () => {
  it('shows the fields of a thrown plain object instead of [object Object]', () => {
    expect(errorMessage({ status: 1, reason: 'abort' })).toBe("{ status: 1, reason: 'abort' }");
    expect(errorMessage({ message: 'relation exists' })).toBe('relation exists');
    expect(errorMessage(new Error('outer', { cause: { code: 'XX' } }))).toBe("outer (cause: { code: 'XX' })");
    expect(errorMessage('text')).toBe('text');
  });
});
