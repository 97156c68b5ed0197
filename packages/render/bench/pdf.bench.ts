// Times renderDocument('pdf') on the messaging template: median and p95 of many renders after a warm-up.
import { createHash } from 'node:crypto';
import { requirementsSchema } from '@accord/core/model';
import { templateById } from '@accord/core/templates';
import { renderDocument } from '../src/render/render-document.ts';
import { buildVersionRecord, canonicalVersionJson } from '../src/version/version-record.ts';

const requirements = requirementsSchema.parse(templateById('messaging')?.requirements);
const record = buildVersionRecord(requirements, {
  workshopId: 'bench',
  number: 1,
  publishedAt: '2026-11-21T14:03:00.000Z',
  publishedBy: 'Bench',
});
const input = { record, hash: createHash('sha256').update(canonicalVersionJson(record)).digest('hex') };
const runs = Number(process.env.BENCH_RUNS ?? 30);

for (let i = 0; i < 5; i += 1) await renderDocument('pdf', input);
const times: number[] = [];
// CPU time too: on a shared machine wall time mostly measures the neighbours.
const cpu: number[] = [];
let bytes = 0;
for (let i = 0; i < runs; i += 1) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const doc = await renderDocument('pdf', input);
  const used = process.cpuUsage(cpuStart);
  times.push(performance.now() - start);
  cpu.push((used.user + used.system) / 1000);
  bytes = doc.body.length;
}
const at = (values: number[], q: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;
console.log(
  `render messaging template as PDF: median ${at(times, 0.5).toFixed(1)} ms, p95 ${at(times, 0.95).toFixed(1)} ms ` +
    `(CPU median ${at(cpu, 0.5).toFixed(1)} ms; n=${runs}, ${(bytes / 1024).toFixed(0)} KiB, target < 300 ms)`,
);
