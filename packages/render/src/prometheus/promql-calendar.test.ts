import { maintenanceWindowSchema, type Calendar, type MaintenanceWindow, type Weekday } from '@accord/core/model';
import { describe, expect, it } from 'vitest';
import { calendarGateExpr, localDayUtc, localTimeExpr, maintenanceGateExpr, weekRanges } from './promql-calendar.ts';
import { zoneOffsets } from '../operational/zone-transitions.ts';

const day = 'accord:local_day_of_week{accord_zone="Europe/Berlin"}';
const minute = 'accord:local_minute_of_day{accord_zone="Europe/Berlin"}';

function window(recurrence: MaintenanceWindow['recurrence'], hours: number): MaintenanceWindow {
  return maintenanceWindowSchema.parse({
    id: 'w',
    name: 'W',
    recurrence,
    durationSeconds: hours * 3600,
    counted: false,
  });
}

describe('PromQL calendars', () => {
  it('writes local time as UTC plus the offset with one step per clock change', () => {
    expect(localTimeExpr(zoneOffsets('Europe/Berlin', 2027, 2027))).toBe(
      `vector(time() + 3600 + 3600 * (time() >= bool ${Date.UTC(2027, 2, 28, 1) / 1000}) - 3600 * (time() >= bool ${Date.UTC(2027, 9, 31, 1) / 1000}))`,
    );
  });

  it('groups consecutive weekdays with the same hours into one term, Sunday being day 0', () => {
    const weekdays: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
    const calendar: Calendar = {
      id: 'c',
      name: 'C',
      slots: [
        ...weekdays.map((d) => ({ day: d, start: '07:00', end: '19:00' })),
        { day: 'sun', start: '00:00', end: '24:00' },
      ],
      holidays: [],
    };
    const gate = calendarGateExpr(calendar, 'Europe/Berlin');
    expect(gate).toContain(`((${day} == bool 0))`);
    expect(gate).toContain(
      `((${day} >= bool 1) * (${day} <= bool 5) * (${minute} >= bool 420) * (${minute} < bool 1140))`,
    );
  });

  it('merges overlapping slots of a day', () => {
    expect(
      weekRanges({
        slots: [
          { day: 'mon', start: '08:00', end: '12:00' },
          { day: 'mon', start: '11:00', end: '14:00' },
        ],
      }),
    ).toEqual([{ day: 'mon', from: 480, to: 840 }]);
  });

  it('splits a window that runs past midnight and tests the day it started on', () => {
    const weekly = maintenanceGateExpr(window({ kind: 'weekly', day: 'sat', start: '22:00' }, 4), 'Europe/Berlin');
    expect(weekly).toBe(
      `(((${day} == bool 6) * (${minute} >= bool 1320))\n  + ((${day} == bool 0) * (${minute} < bool 120)))`,
    );
    const monthly = maintenanceGateExpr(
      window({ kind: 'monthly', week: 'last', day: 'sat', start: '23:00' }, 2),
      'Europe/Berlin',
    );
    expect(monthly).toContain(
      'day_of_month((accord:local_time{accord_zone="Europe/Berlin"} - 86400)) > bool (days_in_month((accord:local_time{accord_zone="Europe/Berlin"} - 86400)) - 7)',
    );
    const second = maintenanceGateExpr(
      window({ kind: 'monthly', week: 2, day: 'tue', start: '01:00' }, 1),
      'Europe/Berlin',
    );
    expect(second).toContain('>= bool 8) * (day_of_month(accord:local_time{accord_zone="Europe/Berlin"}) <= bool 14)');
  });

  it('takes a holiday out as the UTC span of its local date', () => {
    expect(localDayUtc('Europe/Berlin', '2027-12-24')).toEqual([
      Date.UTC(2027, 11, 23, 23),
      Date.UTC(2027, 11, 24, 23),
    ]);
    expect(localDayUtc('Europe/Berlin', '2027-03-28')).toEqual([Date.UTC(2027, 2, 27, 23), Date.UTC(2027, 2, 28, 22)]);
  });
});
