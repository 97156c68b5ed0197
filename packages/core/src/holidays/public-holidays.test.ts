import { describe, expect, it } from 'vitest';
import { requirementsSchema } from '../model/index.ts';
import { TEMPLATES } from '../templates/index.ts';
import { publicHolidays, yearsCovered } from './public-holidays.ts';

describe('publicHolidays', () => {
  it('gives Frankfurt (Hesse) its 2027 holidays, Ascension, Whit Monday and Corpus Christi included', () => {
    const result = publicHolidays({ country: 'DE', region: 'HE' }, [2027]);
    if (!result.ok) throw new Error(result.error);
    const dates = result.holidays.map((h) => h.date);
    expect(dates).toEqual(expect.arrayContaining(['2027-05-06', '2027-05-17', '2027-05-27']));
    expect(dates).toHaveLength(10);
  });

  it('leaves Corpus Christi out in Hamburg, where it is a working day', () => {
    const result = publicHolidays({ country: 'DE', region: 'HH' }, [2027]);
    expect(result.ok && result.holidays.map((h) => h.date)).not.toContain('2027-05-27');
  });

  it('names an unknown region and lists the known ones', () => {
    const result = publicHolidays({ country: 'DE', region: 'XX' }, [2027]);
    expect(result).toEqual({
      ok: false,
      error: '"XX" is not a region of DE; known: BB, BE, BW, BY, HB, HE, HH, MV, NI, NW, RP, SH, SL, SN, ST, TH',
    });
    expect(publicHolidays({ country: 'ZZ' }, [2027]).ok).toBe(false);
  });

  it('covers the validity period over one review cycle', () => {
    expect(yearsCovered('2027-01-01', 12, 2026)).toEqual([2027]);
    expect(yearsCovered('2027-07-01', 12, 2026)).toEqual([2027, 2028]);
    expect(yearsCovered(undefined, 12, 2026)).toEqual([2026]);
  });
});

describe('the messaging template calendar', () => {
  it('holds every public holiday of its region in its validity year', () => {
    const requirements = requirementsSchema.parse(TEMPLATES.find((t) => t.id === 'messaging')?.requirements);
    const calendar = requirements.calendars.find((c) => c.id === 'business-hours');
    expect(calendar?.holidayRegion).toEqual({ country: 'DE', region: 'HE' });
    const expected = publicHolidays(
      calendar!.holidayRegion!,
      yearsCovered(requirements.meta.validFrom, requirements.meta.reviewEveryMonths, 2027),
    );
    if (!expected.ok) throw new Error(expected.error);
    expect(calendar?.holidays).toEqual(
      expect.arrayContaining(expected.holidays.map((h) => ({ date: h.date, name: h.name }))),
    );
  });
});
