import { z } from 'zod';
import { durationSecondsSchema } from './common.schema.ts';

/** How a function's availability is measured: the probe, where it runs, and what counts as a partial outage. */
export const measurementSchema = z.object({
  probe: z
    .string()
    .max(500)
    .default('')
    .describe('What is probed, e.g. a synthetic Outlook logon that opens a mailbox.'),
  from: z
    .string()
    .max(300)
    .default('')
    .describe('Where the probe runs, e.g. from each office site and from the internet.'),
  sliceSeconds: durationSecondsSchema
    .default(60)
    .describe('The time slice the probe judges as up or down (1 minute unless stated).'),
  partial: z
    .string()
    .max(1000)
    .default('')
    .describe(
      'What counts as a partial outage and how it is charged, e.g. "more than 10 % of users: counted in full".',
    ),
});
export type Measurement = z.infer<typeof measurementSchema>;
