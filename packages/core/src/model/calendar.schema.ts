import { z } from 'zod';
import {
  clockTimeSchema,
  idSchema,
  isoDateSchema,
  rowIdSchema,
  timeZoneSchema,
  uniqueRowIds,
  weekdaySchema,
} from './common.schema.ts';

/** One weekly slot in local time of the calendar's zone; `end` "24:00" runs to midnight. */
export const weeklySlotSchema = z
  .object({
    id: rowIdSchema,
    day: weekdaySchema,
    start: clockTimeSchema,
    end: clockTimeSchema,
  })
  .refine((slot) => slot.start < slot.end, {
    message: 'a slot must end after it starts (use "24:00" for midnight)',
    path: ['end'],
  });
export type WeeklySlot = z.infer<typeof weeklySlotSchema>;

export const holidaySchema = z.object({
  id: rowIdSchema,
  date: isoDateSchema,
  name: z.string().max(200).default(''),
});

/**
 * Where a calendar's public holidays come from: a country (ISO 3166-1 alpha-2) and optionally a region
 * (the ISO 3166-2 subdivision code after the dash: "HE" for Hesse). Holidays differ by region — Corpus
 * Christi is a holiday in Hesse, not in Hamburg.
 */
export const holidayRegionSchema = z.object({
  country: z.string().regex(/^[A-Z]{2}$/, 'a country is its two-letter ISO 3166-1 code, e.g. "DE"'),
  region: z
    .string()
    .regex(/^[A-Z0-9]{1,3}$/, 'a region is its ISO 3166-2 code after the dash, e.g. "HE" for Hesse')
    .optional(),
});
export type HolidayRegion = z.infer<typeof holidayRegionSchema>;

/**
 * A recurring weekly calendar in one time zone: service hours, support coverage or on-call.
 * Holidays remove whole local days from it.
 */
export const calendarSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  timeZone: timeZoneSchema
    .optional()
    .describe('IANA zone of the slots; a calendar without one is reported (MISSING_TIME_ZONE).'),
  slots: z.array(weeklySlotSchema).max(200).superRefine(uniqueRowIds).default([]),
  holidays: z.array(holidaySchema).max(400).superRefine(uniqueRowIds).default([]),
  holidayRegion: holidayRegionSchema
    .optional()
    .describe('Country and region whose public holidays fill `holidays` (from the date-holidays rules).'),
});
export type Calendar = z.infer<typeof calendarSchema>;

/** Recurrence of a maintenance window: weekly on a day, or monthly on the nth (or last) weekday. */
export const recurrenceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('weekly'), day: weekdaySchema, start: clockTimeSchema }),
  z.object({
    kind: z.literal('monthly'),
    week: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal('last')]),
    day: weekdaySchema,
    start: clockTimeSchema,
  }),
]);
export type Recurrence = z.infer<typeof recurrenceSchema>;
