// Summarises a V8 CPU profile (`BENCH_CPU_PROF=1` writes one per Accord child): the frames with the most
// self time and the most total time, and how much of the wall time the process was idle.
//
//   npx tsx apps/bench/src/profile-summary.ts apps/bench/results/profiles-…/accord-pglite-…/CPU….cpuprofile [top] [from-seconds]
//
// `from-seconds` leaves out the samples of the first seconds (the process starting and loading modules).
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface FrameTime {
  readonly frame: string;
  readonly selfMs: number;
  readonly totalMs: number;
}

/** Self and total (inclusive) milliseconds per frame, a frame being function plus file and line, from `fromMs` on. */
export function frameTimes(profile: CpuProfile, fromMs = 0): { readonly frames: FrameTime[]; readonly wallMs: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const keyOf = (node: ProfileNode): string => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url
      .replace(/^file:\/\//, '')
      .replace(/^.*\/node_modules\//, '')
      .replace(/^.*\/(apps|packages|db)\//, '$1/');
    return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
  };
  const stacks = new Map<number, string[]>();
  const stackOf = (id: number): string[] => {
    const known = stacks.get(id);
    if (known) return known;
    const keys: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (node) keys.push(keyOf(node));
    }
    const unique = [...new Set(keys)];
    stacks.set(id, unique);
    return unique;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let wallMs = 0;
  let atMs = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    atMs += ms;
    if (atMs < fromMs) return;
    wallMs += ms;
    const node = byId.get(id);
    if (!node) return;
    const key = keyOf(node);
    self.set(key, (self.get(key) ?? 0) + ms);
    for (const frame of stackOf(id)) total.set(frame, (total.get(frame) ?? 0) + ms);
  });
  const frames = [...total].map(([frame, totalMs]) => ({ frame, selfMs: self.get(frame) ?? 0, totalMs }));
  return { frames, wallMs };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const [file, topArg, fromArg] = process.argv.slice(2);
  if (!file) {
    console.error('usage: profile-summary <file.cpuprofile> [top] [from-seconds]');
    process.exit(2);
  }
  const top = Number(topArg ?? 25);
  const { frames, wallMs } = frameTimes(
    JSON.parse(readFileSync(file, 'utf8')) as CpuProfile,
    Number(fromArg ?? 0) * 1000,
  );
  const isSpecial = (f: FrameTime): boolean =>
    ['(idle)', '(program)', '(garbage collector)', '(root)'].includes(f.frame);
  const special = frames.filter(isSpecial);
  const code = frames.filter((f) => !isSpecial(f));
  const pct = (ms: number): string => `${((ms / wallMs) * 100).toFixed(1).padStart(5)} %`;
  console.log(`wall ${(wallMs / 1000).toFixed(1)} s; ${special.map((f) => `${f.frame} ${pct(f.selfMs)}`).join(', ')}`);
  console.log('\nself time:');
  for (const f of [...code].sort((a, b) => b.selfMs - a.selfMs).slice(0, top))
    console.log(`${pct(f.selfMs)}  ${f.frame}`);
  console.log('\ntotal time:');
  for (const f of [...code].sort((a, b) => b.totalMs - a.totalMs).slice(0, top))
    console.log(`${pct(f.totalMs)}  ${f.frame}`);
}
