// Times renderDocument('pdf') on the messaging template: median and p95 of many renders after a warm-up.
import { createHash } from 'node:crypto';
import { requirementsSchema } from '@accord/core/model';
import { templateById } from '@accord/core/templates';
import { renderDocument } from '../src/render/render-document.ts';
import { buildVersionRecord, canonicalVersionJson } from '../src/version/version-record.ts';

const requirements = requirementsSchema.parse(templateById('messaging')?.requirements);
const record = buildVersionRecord(requirements, { workshopId: 'bench', number: 1, publishedAt: '2026-11-21T14:03:00.000Z', publishedBy: 'Bench' });
const input = { record, hash: createHash('sha256').update(canonicalVersionJson(record)).digest('hex') };
const runs = Number(process.env.BENCH_RUNS ?? 30);

for (let i = 0; i < 5; i += 1) await renderDocument('pdf', input);
const times: number[] = [];
let bytes = 0;
for (let i = 0; i < runs; i += 1) {
  const start = performance.now();
  const doc = await renderDocument('pdf', input);
  times.push(performance.now() - start);
  bytes = doc.body.length;
}
times.sort((a, b) => a - b);
const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
console.log(`render messaging template as PDF: median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms (n=${runs}, ${(bytes / 1024).toFixed(0)} KiB, target < 300 ms)`);
