import { z } from 'zod';
import { clockTimeSchema, idSchema, isoDateSchema, rowIdSchema, timeZoneSchema, uniqueRowIds, weekdaySchema } from './common.schema.ts';

/** One weekly slot in local time of the calendar's zone; `end` "24:00" runs to midnight. */
export const weeklySlotSchema = z
  .object({
    id: rowIdSchema,
    day: weekdaySchema,
    start: clockTimeSchema,
    end: clockTimeSchema,
  })
  .refine((slot) => slot.start < slot.end, { message: 'a slot must end after it starts (use "24:00" for midnight)', path: ['end'] });
export type WeeklySlot = z.infer<typeof weeklySlotSchema>;

export const holidaySchema = z.object({
  id: rowIdSchema,
  date: isoDateSchema,
  name: z.string().max(200).default(''),
});

/**
 * A recurring weekly calendar in one time zone: service hours, support coverage or on-call.
 * Holidays remove whole local days from it.
 */
export const calendarSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  timeZone: timeZoneSchema.optional().describe('IANA zone of the slots; a calendar without one is reported (MISSING_TIME_ZONE).'),
  slots: z.array(weeklySlotSchema).max(200).superRefine(uniqueRowIds).default([]),
  holidays: z.array(holidaySchema).max(400).superRefine(uniqueRowIds).default([]),
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
