import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Every child this process started and has not seen exit: `killChildren` ends them by PID. */
const running = new Set<ChildProcess>();

/** Children started in a process group of their own (npm scripts): killed as a group, so their children go too. */
const groups = new Set<ChildProcess>();

/** SIGKILLs every child still running (on failure, interrupt or exit). */
export function killChildren(): void {
  for (const child of running) {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) continue;
    try {
      process.kill(groups.has(child) ? -child.pid : child.pid, 'SIGKILL');
    } catch {
      // Already gone between the check and the kill.
    }
  }
  running.clear();
  groups.clear();
}

export interface ChildSpec {
  readonly name: string;
  /** Arguments to `node` (the script and its flags). */
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Printed on stdout once the child listens; the first capture group, if any, is handed back. */
  readonly ready: RegExp;
  readonly timeoutMs?: number;
}

/** A started child: its PID, memory and CPU read from /proc, and a graceful stop. */
export interface Child {
  readonly name: string;
  readonly pid: number;
  /** The first capture group of the ready line. */
  readonly readyMatch: string;
  /** Resident set size, bytes (VmRSS of /proc/<pid>/status). */
  rssBytes(): number;
  /** User plus system CPU time consumed so far, seconds (/proc/<pid>/stat). */
  cpuSeconds(): number;
  /** The last few kilobytes the child printed, for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `node <args>` and resolves once its ready line appears; kills it when it does not in time. */
export function startChild(spec: ChildSpec): Promise<Child> {
  const child = spawn(process.execPath, [...spec.args], {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-8_192);
  };
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  child.stderr?.on('data', keep);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${spec.name} did not start within ${spec.timeoutMs ?? 60_000} ms:\n${output}`));
    }, spec.timeoutMs ?? 60_000);
    const onExit = (code: number | null, signal: string | null): void => {
      clearTimeout(timer);
      reject(new Error(`${spec.name} exited (${code ?? signal}) before it was ready:\n${output}`));
    };
    child.once('exit', onExit);
    const onData = (chunk: Buffer): void => {
      keep(chunk);
      const match = spec.ready.exec(output);
      if (!match || child.pid === undefined) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout?.off('data', onData);
      child.stdout?.on('data', keep);
      const pid = child.pid;
      resolve({
        name: spec.name,
        pid,
        readyMatch: match[1] ?? '',
        rssBytes: () => readRss(pid),
        cpuSeconds: () => readCpuSeconds(pid),
        output: () => output,
        stop: async (graceMs = 10_000) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await exited;
          clearTimeout(killer);
        },
      });
    };
    child.stdout?.on('data', onData);
  });
}

function readRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  return kilobytes ? Number(kilobytes) * 1024 : NaN;
}

/** Clock ticks per second of /proc/<pid>/stat; 100 on every Linux this runs on (USER_HZ). */
const CLOCK_TICKS = 100;

function readCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** A free TCP port on loopback, for a child that cannot be told to pick its own. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface Finished {
  /** Exit code, or null when killed (by signal or for running out of time). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/** Runs a command to its end in a process group of its own; the whole group is killed after `timeoutMs`. */
export function runToEnd(command: string, args: readonly string[], cwd: string, timeoutMs: number): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(command, [...args], {
      cwd,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    running.add(child);
    groups.add(child);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-8_192);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    const finish = (code: number | null): void => {
      clearTimeout(timer);
      running.delete(child);
      groups.delete(child);
      resolve({ code, stdout, stderr, timedOut });
    };
    child.once('error', (error) => {
      stderr += String(error);
      finish(null);
    });
    child.once('close', (code) => finish(code));
  });
}
