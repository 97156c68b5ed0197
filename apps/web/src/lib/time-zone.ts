import { isTimeZone } from '@accord/core/model';
import type { Codec } from './units.ts';

/** An IANA time zone ("Europe/Berlin"), checked against this browser's zone database. */
export function timeZoneCodec(required = false): Codec<string> {
  return {
    example: 'Europe/Berlin',
    parse: (text) => {
      const zone = text.trim();
      if (zone === '')
        return required
          ? { ok: false, error: 'required: name a time zone such as Europe/Berlin' }
          : { ok: true, value: null };
      return isTimeZone(zone)
        ? { ok: true, value: zone }
        : { ok: false, error: `"${zone}" is not a time zone; write e.g. Europe/Berlin or UTC` };
    },
    format: (value) => (typeof value === 'string' ? value : ''),
  };
}

/** A calendar date "YYYY-MM-DD". */
export function dateCodec(): Codec<string> {
  return {
    example: '2027-01-01',
    parse: (text) => {
      const date = text.trim();
      if (date === '') return { ok: true, value: null };
      const valid =
        /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`));
      return valid ? { ok: true, value: date } : { ok: false, error: 'write a date as YYYY-MM-DD, e.g. 2027-01-01' };
    },
    format: (value) => (typeof value === 'string' ? value : ''),
  };
}
