import type { RequirementsInput } from '../model/index.ts';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const business = (requestedBy: string, rationale: string) => ({ source: 'business' as const, requestedBy, rationale });
const operational = (requestedBy: string, rationale: string) => ({ source: 'operational' as const, requestedBy, rationale });

/**
 * The reference workshop: an enterprise messaging platform on Exchange Server 2007 (the seed course's
 * case), with mailbox access, mail flow, webmail and mobile sync, the server roles they depend on, and the
 * objectives a mid-sized company typically brings. It is deliberately not perfect: deriving it shows the
 * kind of contradictions a real first workshop has.
 */
export const MESSAGING_TEMPLATE: RequirementsInput = {
  formatVersion: 1,
  meta: {
    title: 'Messaging platform SLA workshop',
    service: 'Enterprise messaging (Exchange Server 2007)',
    description: 'Email, calendars and contacts for 2 400 staff in Frankfurt and Hamburg, with webmail and mobile access.',
    timeZone: 'Europe/Berlin',
    provider: { name: 'IT Infrastructure Services', contact: 'messaging-team@example.com' },
    customer: { name: 'Business units of Example AG', contact: 'service-owner@example.com' },
    sponsors: [{ name: 'Dr. Karin Vogt', role: 'CIO' }, { name: 'Markus Brandt', role: 'Head of Sales Operations' }],
    validFrom: '2027-01-01',
    reviewEveryMonths: 12,
    reportingCadence: 'monthly',
    currency: 'EUR',
    platform: 'exchange-2007',
    exclusions: [
      'Outages caused by the customer\'s own network or devices',
      'Mail delayed or rejected by external mail systems',
      'Disasters declared under the business continuity plan (site loss objectives apply instead)',
    ],
  },
  calendars: [
    // Public holidays of Hesse (Frankfurt) from the date-holidays rules (a test keeps them equal), plus the
    // company's own closing days.
    { id: 'business-hours', name: 'Business hours', timeZone: 'Europe/Berlin', slots: WEEKDAYS.map((day) => ({ day, start: '07:00', end: '19:00' })), holidayRegion: { country: 'DE', region: 'HE' }, holidays: [
      { date: '2027-01-01', name: 'New Year\'s Day' }, { date: '2027-03-26', name: 'Good Friday' }, { date: '2027-03-29', name: 'Easter Monday' },
      { date: '2027-05-01', name: 'Labour Day' }, { date: '2027-05-06', name: 'Ascension Day' }, { date: '2027-05-17', name: 'Whit Monday' },
      { date: '2027-05-27', name: 'Corpus Christi' }, { date: '2027-10-03', name: 'National Holiday' }, { date: '2027-12-24', name: 'Christmas Eve (company closing day)' },
      { date: '2027-12-25', name: 'Christmas Day' }, { date: '2027-12-26', name: 'Boxing Day' }, { date: '2027-12-31', name: 'New Year\'s Eve (company closing day)' },
    ] },
    { id: 'service-desk', name: 'Service desk', timeZone: 'Europe/Berlin', slots: WEEKDAYS.map((day) => ({ day, start: '07:00', end: '19:00' })) },
    { id: 'on-call', name: 'On-call engineers', timeZone: 'Europe/Berlin', slots: [
      ...WEEKDAYS.map((day) => ({ day, start: '19:00', end: '23:00' })),
      ...(['sat', 'sun'] as const).map((day) => ({ day, start: '08:00', end: '20:00' })),
    ] },
  ],
  components: [
    { id: 'mailbox-cluster', name: 'Mailbox servers (CCR pair)', role: 'mailbox', availability: { kind: 'mtbf', mtbfHours: 4380, mttrHours: 8 }, instances: 2, required: 1, notes: 'Two-node cluster continuous replication with a file share witness on the hub transport server.' },
    { id: 'client-access', name: 'Client Access servers', role: 'client-access', availability: { kind: 'percent', percent: 99.5 }, instances: 2, required: 1, stateless: true },
    { id: 'hub-transport', name: 'Hub Transport servers', role: 'hub-transport', availability: { kind: 'percent', percent: 99.5 }, instances: 2, required: 1, stateless: true },
    { id: 'edge-transport', name: 'Edge Transport server', role: 'edge-transport', availability: { kind: 'percent', percent: 99.5 }, instances: 1, stateless: true, notes: 'One Edge server in the perimeter network; a second is budgeted for next year.' },
    { id: 'domain-controllers', name: 'Active Directory domain controllers', role: 'directory', availability: { kind: 'percent', percent: 99.5 }, instances: 3, required: 1 },
    { id: 'dns', name: 'Internal DNS', role: 'dns', availability: { kind: 'percent', percent: 99.99 } },
    { id: 'hardware-lb-a', name: 'Load balancer A', role: 'load-balancer', availability: { kind: 'percent', percent: 99.95 } },
    { id: 'hardware-lb-b', name: 'Load balancer B', role: 'load-balancer', availability: { kind: 'percent', percent: 99.95 } },
    { id: 'internet-link', name: 'Internet uplink', role: 'network', availability: { kind: 'percent', percent: 99.7 } },
    { id: 'activesync-gateway', name: 'Mobile sync gateway', role: 'application', availability: { kind: 'percent', percent: 99.5 }, stateless: true },
    { id: 'frankfurt-site', name: 'Frankfurt data centre', role: 'site', availability: { kind: 'percent', percent: 99.98 } },
  ],
  groups: [{ id: 'load-balancers', name: 'Load balancer pair', members: ['hardware-lb-a', 'hardware-lb-b'], required: 1 }],
  functions: [
    {
      id: 'mailbox-access', name: 'Mailbox access', tier: 'critical',
      description: 'Outlook access to mailboxes, calendars and contacts.',
      users: '2 400 staff, Outlook in cached mode',
      dependsOn: ['mailbox-cluster', 'client-access', 'domain-controllers', 'dns', 'frankfurt-site'],
      availability: { targetPercent: 99.9, window: { kind: 'service-hours', calendarId: 'business-hours' }, downtimeCostPerHour: 18000, provenance: business('Markus Brandt', 'Order confirmations and customer quotes go out by mail; an hour without mail during business hours costs about €18 000 in delayed orders.') },
      recovery: {
        'component-failure': { rpoSeconds: '5m', rtoSeconds: '30m', provenance: business('Markus Brandt', 'A server fault must not stop sales for more than half an hour.') },
        'site-loss': { rpoSeconds: '1h', rtoSeconds: '8h', provenance: business('Dr. Karin Vogt', 'Losing the Frankfurt site is a declared disaster; mail must be back the same working day.') },
        'data-corruption': { rpoSeconds: '24h', rtoSeconds: '8h', provenance: operational('Messaging team', 'Logical corruption is rare; last night\'s backup is acceptable.') },
      },
      // The replay rate was measured in the last switchover drill; logs per hour at the Monday-morning peak.
      design: [{ kind: 'ccr' }, { kind: 'scr', replayRateLogsPerHour: 36000 }, { kind: 'backup-restore' }],
      measurement: { probe: 'Synthetic Outlook (MAPI) logon that opens a test mailbox in each storage group', from: 'One probe host in each office (Frankfurt and Hamburg)', sliceSeconds: 60, partial: 'A minute counts as down when the probes of one storage group or more fail: a partial outage is charged in full' },
      dataSizeGb: 1800,
      databaseSizeGb: 200,
      logsPerHour: 3000,
    },
    {
      id: 'mail-flow', name: 'Mail flow', tier: 'critical',
      description: 'Inbound and outbound internet mail and internal routing.',
      users: 'All staff; 120 000 messages a day',
      dependsOn: ['mailbox-access', 'hub-transport', 'edge-transport', 'internet-link'],
      availability: { targetPercent: 99.9, window: { kind: 'service-hours', calendarId: 'business-hours' }, downtimeCostPerHour: 12000, provenance: business('Markus Brandt', 'Customers expect replies within the hour; bounced mail loses orders.') },
      recovery: {
        'component-failure': { rpoSeconds: 0, rtoSeconds: '30m', provenance: business('Markus Brandt', 'No customer mail may be lost.') },
      },
      // Mail in transit is protected by the transport itself; the mailboxes it delivers to keep their own CCR.
      // Dumpster: 1.5 × the 20 MB message size limit.
      design: [{ kind: 'transport-redundancy', dumpsterMb: 30 }],
      measurement: { probe: 'Test message sent from an external mailbox to a test mailbox, delivery confirmed within 5 minutes', from: 'An external monitoring service', sliceSeconds: 60, partial: 'Mail delayed more than 15 minutes counts as down' },
    },
    {
      id: 'webmail', name: 'Webmail (Outlook Web Access)', tier: 'high',
      description: 'Browser access for staff working from home or customer sites.',
      users: '600 field staff',
      dependsOn: ['mailbox-access', 'load-balancers', 'internet-link'],
      availability: { targetPercent: 99.5, window: { kind: '24x7' }, provenance: business('Field sales lead', 'Field staff read mail in the evening before customer visits.') },
      recovery: { 'component-failure': { rpoSeconds: '5m', rtoSeconds: '2h', provenance: business('Field sales lead', 'Evening access can wait two hours.') } },
      measurement: { probe: 'Synthetic Outlook Web Access logon that lists the inbox', from: 'An external monitoring service on the internet', sliceSeconds: 60, partial: 'A minute counts as down when the logon fails or takes longer than 10 seconds' },
      design: [{ kind: 'load-balanced-pool' }],
    },
    {
      id: 'mobile-sync', name: 'Mobile sync (ActiveSync)', tier: 'medium',
      description: 'Mail, calendar and contacts on company phones.',
      users: '900 managers and field staff',
      dependsOn: ['mailbox-access', 'activesync-gateway', 'internet-link'],
      availability: { targetPercent: 99, window: { kind: '24x7' }, provenance: { requestedBy: 'Works council', rationale: '' } },
      recovery: { 'component-failure': { rpoSeconds: '1h', rtoSeconds: '8h', provenance: business('Dr. Karin Vogt', 'Phones cache mail; a day\'s outage is an inconvenience, not a loss.') } },
    },
  ],
  maintenance: [
    { id: 'sunday-patching', name: 'Sunday patch window', timeZone: 'Europe/Berlin', recurrence: { kind: 'weekly', day: 'sun', start: '02:00' }, durationSeconds: '4h', counted: false, provenance: operational('Messaging team', 'Monthly security updates and cluster moves need a quiet window outside business hours.') },
    { id: 'quarterly-firmware', name: 'Storage firmware window', timeZone: 'Europe/Berlin', recurrence: { kind: 'monthly', week: 'last', day: 'sat', start: '20:00' }, durationSeconds: '2h', counted: true, appliesTo: ['webmail', 'mobile-sync'], provenance: operational('Storage team', 'Firmware updates of the SAN controllers.') },
  ],
  serviceHoursCalendarId: 'business-hours',
  backups: [
    { id: 'nightly-full', name: 'Nightly full backup to disk, weekly to tape', appliesTo: [], type: 'full', intervalSeconds: '24h', retentionDays: 90, offsiteCopies: 1, restoreThroughputGbPerHour: 250, restoreOverheadSeconds: '1h', provenance: operational('Backup team', 'Backups run from the passive CCR node to keep load off the active one.') },
  ],
  regulatory: [
    { id: 'hgb-257', name: 'Commercial correspondence', reference: 'HGB §257 (1) 2–3 / AO §147 (1) 2–3 (6 years)', retentionDays: 2192, appliesTo: ['mailbox-access', 'mail-flow'] },
    { id: 'hgb-257-vouchers', name: 'Invoices and accounting vouchers received by mail', reference: 'HGB §257 (1) 4 / AO §147 (1) 4 (10 years)', retentionDays: 3653, appliesTo: ['mailbox-access', 'mail-flow'] },
  ],
  support: {
    coverageCalendarId: 'service-desk',
    onCallCalendarId: 'on-call',
    severities: [
      { id: 'sev1', name: 'Severity 1 — outage', definition: 'A business function is down for many users.', fullOutage: true, responseSeconds: '15m', resolutionSeconds: '4h', provenance: business('Markus Brandt', 'Matches the cost of downtime.') },
      { id: 'sev2', name: 'Severity 2 — degraded', definition: 'A function is slow or down for a group of users.', responseSeconds: '30m', resolutionSeconds: '8h', provenance: operational('Service desk', 'Current practice.') },
      { id: 'sev3', name: 'Severity 3 — single user', definition: 'One user cannot work normally.', responseSeconds: '4h', resolutionSeconds: '2d', provenance: operational('Service desk', 'Current practice.') },
      { id: 'sev4', name: 'Severity 4 — request', definition: 'A change or information request.', responseSeconds: '1d', provenance: operational('Service desk', 'Requests are planned work.') },
    ],
    escalation: [
      { level: 1, name: 'Service desk', role: 'First line', contact: '+49 69 1234-100', afterSeconds: 0 },
      { level: 2, name: 'Messaging team lead', role: 'Second line', contact: '+49 69 1234-220', afterSeconds: '1h' },
      { level: 3, name: 'Head of Infrastructure', role: 'Management', contact: '+49 69 1234-300', afterSeconds: '4h' },
    ],
  },
  risks: [
    { id: 'server-failure', threat: 'Mailbox server hardware failure', likelihood: 'possible', impact: 'major', mitigation: 'CCR fails over to the passive node automatically.', owner: 'Messaging team', functionIds: ['mailbox-access'] },
    { id: 'site-loss', threat: 'Fire or power loss at the Frankfurt data centre', likelihood: 'rare', impact: 'severe', mitigation: 'Mailbox databases: SCR copy in Hamburg, activated by the messaging team. Mail flow: senders retry while Frankfurt is down; Hub Transport and Edge servers in Hamburg take over once the databases are active there.', owner: 'Head of Infrastructure', functionIds: ['mailbox-access', 'mail-flow'] },
    { id: 'corruption', threat: 'Database corruption after a faulty update', likelihood: 'unlikely', impact: 'major', mitigation: 'Nightly backups; updates tested on the passive node first.', owner: 'Messaging team', functionIds: ['mailbox-access'] },
    { id: 'malware', threat: 'Virus outbreak spread by mail', likelihood: 'possible', impact: 'major', mitigation: 'Filtering on the Edge server and on Hub Transport.', owner: 'Security team', functionIds: ['mail-flow'] },
    { id: 'admin-error', threat: 'Administrator deletes or misconfigures a storage group', likelihood: 'unlikely', impact: 'major', mitigation: 'Change approval and a second pair of eyes for cluster work.', owner: 'Messaging team', functionIds: ['mailbox-access'] },
    { id: 'uplink', threat: 'Internet uplink outage', likelihood: 'possible', impact: 'moderate', mitigation: 'Second carrier under evaluation.', owner: 'Network team', functionIds: ['mail-flow', 'webmail', 'mobile-sync'] },
  ],
  recoveryTests: [
    { id: 'ccr-drill', functionId: 'mailbox-access', scenario: 'component-failure', kind: 'failover-drill', everyDays: 90, lastRun: '2026-09-14' },
    { id: 'restore-test', functionId: 'mailbox-access', scenario: 'data-corruption', kind: 'restore-test', everyDays: 182, lastRun: '2026-06-02' },
  ],
  agreement: {
    responsibilities: {
      provider: ['Operate, patch and monitor the Exchange servers, the load balancers and the mobile sync gateway', 'Run and test backups and recovery drills as planned', 'Report availability monthly against the agreed budgets'],
      customer: ['Report incidents through the service desk', 'Name a service owner and a deputy who take part in reviews', 'Keep mail clients on supported versions'],
    },
    underpinningContracts: [
      { supplier: 'Internet carrier', covers: 'Internet uplink in Frankfurt', terms: '99.7 % a month, repair within 4 hours, 24×7' },
      { supplier: 'Server hardware maintainer', covers: 'Mailbox, transport and client access servers', terms: 'On-site repair within 4 hours, 24×7' },
      { supplier: 'Storage vendor', covers: 'SAN controllers and disks', terms: 'Parts within 4 hours; firmware updates in the monthly window' },
      { supplier: 'Directory and DNS team', covers: 'Active Directory and internal DNS', terms: 'Internal OLA: 99.9 %, on call 24×7' },
    ],
    breach: { credits: 'None: an internal service. A missed month is reported to the sponsors with its cause.', improvementPlan: 'Two missed months in a row, or one incident using more than 20 % of a month\'s budget, trigger a service improvement plan within 10 working days.' },
    security: {
      dataProtection: 'Mail is personal data: processing follows the GDPR and the group\'s data protection policy.',
      mailboxRestoreAuthorisation: 'Restoring or opening another person\'s mailbox needs the data protection officer\'s written approval.',
      backupEncryption: 'Backup tapes are encrypted before they leave the data centre.',
      monitoringConsent: 'Availability probes use test mailboxes only, as agreed with the works council.',
    },
    disasterDeclaration: { declaredBy: 'Head of Infrastructure (deputy: the CIO)', procedure: 'Declared by phone to the crisis team; from then on the site-loss objectives apply.', excludedFromAvailability: true },
    changeNotice: { standardDays: 10, emergency: 'Announced by mail to all staff as soon as decided, with the reason.' },
    desk: { howToReach: 'Phone +49 69 1234-100 or the self-service portal', clocksRunIn: 'support-hours' },
    contacts: [
      { side: 'provider', name: 'Jonas Weber', role: 'Messaging service manager', contact: 'messaging-team@example.com' },
      { side: 'customer', name: 'Markus Brandt', role: 'Service owner, Sales Operations', contact: 'service-owner@example.com' },
    ],
    outOfScope: ['Personal archives (PST files) on laptops', 'Mobile devices themselves and their apps', 'Mail systems of customers and suppliers'],
    investments: [
      { option: 'transport-redundancy', cost: 18000, yearlyCost: 3000, note: 'Second Edge Transport server with its own MX record' },
      { option: 'load-balanced-pool', cost: 9000, yearlyCost: 1500, note: 'Second mobile sync gateway behind the load balancers' },
    ],
  },
  attendance: [
    { name: 'Anna Keller', role: 'facilitator', organisation: 'IT Service Management' },
    { name: 'Markus Brandt', role: 'sponsor', organisation: 'Sales Operations' },
    { name: 'Dr. Karin Vogt', role: 'sponsor', organisation: 'CIO office' },
    { name: 'Jonas Weber', role: 'stakeholder', organisation: 'Messaging team' },
    { name: 'Field sales lead', role: 'stakeholder', organisation: 'Sales' },
    { name: 'Works council', role: 'observer', organisation: 'Works council' },
  ],
};
