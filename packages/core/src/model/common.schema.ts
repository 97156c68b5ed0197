import { z } from 'zod';
import { parseDuration } from '../units/duration.ts';
import { parseRetentionDays } from '../units/retention.ts';
import { parseThroughput } from '../units/throughput.ts';

/** Identifiers are stable keys used in field paths, Yjs maps and OpenSLO names: lowercase, digits, `-`. */
export const idSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, 'must be 1–48 lowercase letters, digits or "-", e.g. "mail-flow"');

/**
 * The id of a row in a list people edit row by row (sponsors, escalation contacts, design, slots, holidays).
 * Optional in files: a row without one gets a deterministic id on import, made from its naming fields.
 */
export const rowIdSchema = idSchema
  .optional()
  .describe('Stable id of the row; optional, generated on import when missing.');

/** Refuses two rows of one list with the same id (rows without an id get distinct ones on import). */
export function uniqueRowIds(rows: readonly { id?: string | undefined }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    if (row.id === undefined) return;
    if (seen.has(row.id))
      ctx.addIssue({
        code: 'custom',
        message: `another row of this list already has the id "${row.id}"`,
        path: [index, 'id'],
      });
    seen.add(row.id);
  });
}

/** An IANA time zone known to this runtime's Intl database, e.g. "Europe/Berlin". */
export const timeZoneSchema = z.string().refine(isTimeZone, {
  message: 'must be an IANA time zone such as "Europe/Berlin" or "UTC"',
});

export function isTimeZone(value: string): boolean {
  if (value.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * A duration in whole seconds. Files may write a number of seconds or a human duration ("4h", "15 min");
 * the parsed model always holds seconds.
 */
export const durationSecondsSchema = z.union([z.number(), z.string()]).transform((raw, ctx) => {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 0) {
      ctx.addIssue({ code: 'custom', message: 'must be a non-negative number of seconds or a duration like "4h"' });
      return z.NEVER;
    }
    return Math.round(raw);
  }
  const parsed = parseDuration(raw);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }
  return parsed.seconds;
});

/**
 * A data rate in GB per hour. Files may write a number (GB/h) or a rate with its unit ("200 MB/s", "1.2 TB/h";
 * decimal units); the parsed model always holds GB per hour.
 */
export const throughputGbPerHourSchema = z.union([z.number(), z.string()]).transform((raw, ctx) => {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw <= 0) {
      ctx.addIssue({ code: 'custom', message: 'must be a rate above 0 in GB per hour, or a rate like "200 MB/s"' });
      return z.NEVER;
    }
    return raw;
  }
  const parsed = parseThroughput(raw);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }
  return parsed.gbPerHour;
});

/**
 * A retention period in whole days, at least `minDays`. Files may write a number of days or a period with its
 * unit ("10 years", "6 months"; rounded up to whole days).
 */
export function retentionDaysSchema(minDays: number) {
  return z.union([z.number(), z.string()]).transform((raw, ctx) => {
    const parsed =
      typeof raw === 'number'
        ? Number.isInteger(raw)
          ? { ok: true as const, days: raw }
          : { ok: false as const, error: 'must be a whole number of days, or a period like "10 years"' }
        : parseRetentionDays(raw);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }
    if (parsed.days < minDays) {
      ctx.addIssue({ code: 'custom', message: `must be at least ${minDays} day${minDays === 1 ? '' : 's'}` });
      return z.NEVER;
    }
    return parsed.days;
  });
}

/** Clock time of day in 24-hour form; "24:00" closes a window at midnight. */
export const clockTimeSchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a 24-hour time "HH:MM", e.g. "08:00" or "24:00"');

export const weekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof weekdaySchema>;
export const WEEKDAYS: readonly Weekday[] = weekdaySchema.options;

/** A calendar date "YYYY-MM-DD". */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date "YYYY-MM-DD"');

export const sourceSchema = z.enum(['business', 'regulatory', 'operational']);
export type RequirementSource = z.infer<typeof sourceSchema>;

/** Who asked for a commitment and why. Every requirement carries one; the justification cites it. */
export const provenanceSchema = z.object({
  source: sourceSchema.optional().describe('Where the requirement comes from: business, regulatory or operational.'),
  requestedBy: z.string().max(200).default('').describe('The person or group who asked for it.'),
  rationale: z
    .string()
    .max(4000)
    .default('')
    .describe('Why this value: the business reason, regulation or constraint.'),
});
export type Provenance = z.infer<typeof provenanceSchema>;

export const EMPTY_PROVENANCE: Provenance = Object.freeze({ requestedBy: '', rationale: '' });
