// Times deriveSla on the messaging template: median and p95 of many runs after a warm-up, one line out.
import { deriveSla } from '../src/derive/derive-sla.ts';
import { requirementsSchema } from '../src/model/index.ts';
import { TEMPLATES } from '../src/templates/index.ts';

const messaging = requirementsSchema.parse(TEMPLATES.find((t) => t.id === 'messaging')?.requirements);
const runs = Number(process.env.BENCH_RUNS ?? 300);
for (let i = 0; i < 30; i += 1) deriveSla(messaging);
const times: number[] = [];
for (let i = 0; i < runs; i += 1) {
  // A fresh copy each run, as the live preview derives a new snapshot on every edit (no memo hits across runs).
  const snapshot = structuredClone(messaging);
  const start = performance.now();
  deriveSla(snapshot);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
console.log(
  `derive messaging template: median ${at(0.5).toFixed(3)} ms, p95 ${at(0.95).toFixed(3)} ms (n=${runs}, target < 2 ms)`,
);
