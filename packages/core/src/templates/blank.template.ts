import type { RequirementsInput } from '../model/index.ts';

/** The smallest valid workshop: a title, a service and a time zone; everything else is added live. */
export const BLANK_TEMPLATE: RequirementsInput = {
  formatVersion: 1,
  meta: { title: 'New SLA workshop', service: 'New service', timeZone: 'Europe/Berlin' },
};
