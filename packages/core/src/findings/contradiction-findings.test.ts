import { describe, expect, it } from 'vitest';
import { cleanWorkshop, codes, deriveWith, mail } from './test-fixtures.ts';

type Input = ReturnType<typeof cleanWorkshop>;
const severity = (w: Input) => w.support!.severities![0]!;

describe('RESOLUTION_EXCEEDS_RTO', () => {
  it('fires when a full outage may be resolved later than the component-failure RTO', () => {
    const result = deriveWith((w) => {
      severity(w).resolutionSeconds = '4h';
    });
    expect(codes(result)).toEqual(['RESOLUTION_EXCEEDS_RTO']);
    expect(result.findings[0]?.message).toContain('to be resolved within 4h, yet its component-failure RTO is 30m');
    expect(result.findings[0]?.fields).toEqual([
      '/support/severities/sev1/resolutionSeconds',
      '/functions/mail/recovery/component-failure/rtoSeconds',
    ]);
  });

  it('stays quiet when resolution fits the RTO', () => {
    expect(
      codes(
        deriveWith((w) => {
          severity(w).resolutionSeconds = '30m';
        }),
      ),
    ).toEqual([]);
  });
});

/** A second function, webmail, that reads the mail function's data. */
function withWebmail(window: 'same' | '24x7' | 'business') {
  return (w: Input) => {
    w.calendars!.push({
      id: 'office',
      name: 'Business hours',
      timeZone: 'Europe/Berlin',
      slots: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start: '08:00', end: '18:00' })),
    });
    if (window === 'business') mail(w).availability!.window = { kind: 'service-hours', calendarId: 'office' };
    w.functions!.push({
      id: 'webmail',
      name: 'Webmail',
      tier: 'high',
      dependsOn: ['mail'],
      availability: {
        targetPercent: 99.5,
        window: window === 'same' ? { kind: 'service-hours', calendarId: 'office' } : { kind: '24x7' },
        provenance: { source: 'business', requestedBy: 'Field sales', rationale: 'Evening mail' },
      },
    });
    if (window !== 'business') mail(w).availability!.window = { kind: 'service-hours', calendarId: 'office' };
  };
}

describe('WIDER_HOURS_THAN_UPSTREAM', () => {
  it('fires when a function is promised around the clock but what it depends on only in business hours', () => {
    const result = deriveWith(withWebmail('24x7'));
    const finding = result.findings.find((f) => f.code === 'WIDER_HOURS_THAN_UPSTREAM');
    expect(finding?.message).toBe(
      'Webmail is promised around the clock (24×7) (7d a week), but Mail, which it depends on, is committed in business hours only (2d 2h a week): outside those hours nothing backs the promise.',
    );
    expect(finding?.fields).toEqual(['/functions/webmail/availability/window', '/functions/mail/availability/window']);
  });

  it('stays quiet when both are measured in the same hours', () => {
    expect(codes(deriveWith(withWebmail('same')))).not.toContain('WIDER_HOURS_THAN_UPSTREAM');
  });
});

describe('FAILOVER_TIME_NOT_IN_COMPOSITE', () => {
  it('fires when failovers the composite treats as instant spend more than the target allows', () => {
    const result = deriveWith((w) => {
      // A pair failing every 100 hours, each failover an hour: about 88 hours of failover a year.
      w.components![0]!.availability = { kind: 'mtbf', mtbfHours: 100, mttrHours: 1 };
      mail(w).design = [{ kind: 'ccr', activationSeconds: '1h' }];
      mail(w).recovery!['component-failure']!.rtoSeconds = '1h';
      severity(w).resolutionSeconds = '1h';
      mail(w).availability!.targetPercent = 99;
    });
    const finding = result.findings.find((f) => f.code === 'FAILOVER_TIME_NOT_IN_COMPOSITE');
    expect(finding?.message).toMatch(
      /^The dependencies deliver 99\.99\d* % if failover were instant; 87\.7 failovers a year of 1h each bring it to 98\.9\d* %, below the 99 % target\.$/,
    );
    expect(result.functions[0]?.composite.failover?.failoversPerYear).toBeCloseTo(87.66, 2);
  });

  it('charges the failover time beside the composite even when the target still holds', () => {
    const result = deriveWith(() => undefined);
    expect(codes(result)).not.toContain('FAILOVER_TIME_NOT_IN_COMPOSITE');
  });
});

describe('RETENTION_NEEDS_ARCHIVE', () => {
  it('says a six-year retention is met by journaling to an archive, not by six-year backups', () => {
    const result = deriveWith((w) => {
      w.regulatory = [{ id: 'hgb', name: 'Commercial letters', reference: 'HGB §257', retentionDays: 2192 }];
    });
    expect(codes(result)).toEqual(['RETENTION_NEEDS_ARCHIVE']);
    expect(result.functions[0]?.backupPlan.retentionDays).toBe(30);
    expect(result.functions[0]?.backupPlan.archive[0]).toContain('keep 6 years by journaling the mail to an archive');
  });
});

describe('DISASTER_EXCLUSION_WITHOUT_SITE_OBJECTIVE', () => {
  it('fires when declared disasters are excluded but a function has no site-loss objective', () => {
    const result = deriveWith((w) => {
      w.agreement = { disasterDeclaration: { excludedFromAvailability: true } };
    });
    expect(result.findings[0]?.fields[0]).toBe('/agreement/disasterDeclaration/excludedFromAvailability');
    expect(codes(result)).toEqual(['DISASTER_EXCLUSION_WITHOUT_SITE_OBJECTIVE']);
    expect(result.findings[0]?.message).toContain('but Mail has none');
  });

  it('stays quiet once the function has site-loss objectives', () => {
    const result = deriveWith((w) => {
      w.agreement = { disasterDeclaration: { excludedFromAvailability: true } };
      mail(w).recovery!['site-loss'] = {
        rpoSeconds: '1h',
        rtoSeconds: '8h',
        provenance: { source: 'business', requestedBy: 'CIO', rationale: 'Same day' },
      };
      mail(w).design = [{ kind: 'ccr' }, { kind: 'scr', replayLagSeconds: 0 }];
      w.recoveryTests!.push({
        id: 'switch',
        functionId: 'mail',
        scenario: 'site-loss',
        kind: 'site-switchover',
        everyDays: 90,
      });
    });
    expect(codes(result)).not.toContain('DISASTER_EXCLUSION_WITHOUT_SITE_OBJECTIVE');
  });
});

describe('STANDBY_REPLAY_UNMEASURED', () => {
  const siteLoss = (w: Input) => {
    mail(w).recovery!['site-loss'] = {
      rpoSeconds: '1h',
      rtoSeconds: '8h',
      provenance: { source: 'business', requestedBy: 'CIO', rationale: 'Same day' },
    };
    w.recoveryTests!.push({
      id: 'switch',
      functionId: 'mail',
      scenario: 'site-loss',
      kind: 'site-switchover',
      everyDays: 90,
    });
    w.agreement = { disasterDeclaration: { excludedFromAvailability: true } };
  };

  it('fires when a lagged standby is relied on but nobody measured the replay', () => {
    const result = deriveWith((w) => {
      siteLoss(w);
      mail(w).design = [{ kind: 'ccr' }, { kind: 'scr' }];
    });
    expect(codes(result)).toEqual(['STANDBY_REPLAY_UNMEASURED']);
    expect(result.findings[0]?.fields).toEqual([
      '/functions/mail/logsPerHour',
      '/functions/mail/design/scr/replayRateLogsPerHour',
    ]);
  });

  it('stays quiet once both rates are stated', () => {
    const result = deriveWith((w) => {
      siteLoss(w);
      mail(w).logsPerHour = 3000;
      mail(w).design = [{ kind: 'ccr' }, { kind: 'scr', replayRateLogsPerHour: 36_000 }];
    });
    expect(codes(result)).toEqual([]);
  });
});

describe('a function that holds no data', () => {
  it('is not asked for a backup plan of its own: it reads the data of the function it depends on', () => {
    const result = deriveWith((w) => {
      w.backups![0]!.appliesTo = ['mail'];
      w.functions!.push({
        id: 'webmail',
        name: 'Webmail',
        tier: 'high',
        dependsOn: ['mail'],
        recovery: {
          'component-failure': {
            rpoSeconds: '5m',
            rtoSeconds: '2h',
            provenance: { source: 'business', requestedBy: 'Field sales', rationale: 'Evenings' },
          },
        },
      });
      w.recoveryTests!.push({
        id: 'owa-drill',
        functionId: 'webmail',
        scenario: 'component-failure',
        kind: 'failover-drill',
        everyDays: 180,
      });
    });
    expect(result.functions.find((f) => f.id === 'webmail')?.holdsData).toBe(false);
    expect(codes(result)).not.toContain('NO_BACKUP_PLAN');
  });
});
