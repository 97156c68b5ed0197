import { z } from 'zod';
import { isoDateSchema } from './common.schema.ts';
import { protectionKindSchema } from './service.schema.ts';

/**
 * The parts of an SLA a sponsor or auditor looks for beyond the numbers (FitSM-4 SLA template, SRE workbook
 * appendices A and B): how availability is measured, who does what, what a breach means. Every field is
 * optional or defaults to empty, so requirements files written before these sections existed still load.
 */

const lines = z.array(z.string().max(1000)).max(50).default([]);

export const underpinningContractSchema = z.object({
  supplier: z
    .string()
    .min(1)
    .max(200)
    .describe('Who underpins the service: carrier, hardware maintainer, storage vendor, directory team.'),
  covers: z.string().max(500).default('').describe('What they provide.'),
  terms: z.string().max(500).default('').describe('Their commitment, e.g. "4-hour on-site repair, 24×7".'),
});

export const contactSchema = z.object({
  side: z.enum(['provider', 'customer']),
  name: z.string().min(1).max(200),
  role: z.string().max(200).default(''),
  contact: z.string().max(300).default(''),
});

export const glossaryEntrySchema = z.object({
  term: z.string().min(1).max(100),
  definition: z.string().max(1000).default(''),
});

export const historyEntrySchema = z.object({
  version: z.string().max(40).default(''),
  date: isoDateSchema.optional(),
  author: z.string().max(200).default(''),
  change: z.string().max(1000).default(''),
});

/** What an investment in a design option costs, to weigh against the downtime it avoids. */
export const investmentSchema = z.object({
  option: protectionKindSchema,
  cost: z.number().nonnegative().describe('One-off cost of putting the option in place, in the workshop currency.'),
  yearlyCost: z
    .number()
    .nonnegative()
    .default(0)
    .describe('Running cost a year (licences, hardware maintenance, site).'),
  note: z.string().max(500).default(''),
});
export type Investment = z.infer<typeof investmentSchema>;

export const agreementSchema = z.object({
  responsibilities: z.object({ provider: lines, customer: lines }).default({ provider: [], customer: [] }),
  underpinningContracts: z.array(underpinningContractSchema).max(30).default([]),
  breach: z
    .object({
      credits: z.string().max(1000).default('').describe('Service credits on a missed target, or explicitly none.'),
      improvementPlan: z
        .string()
        .max(1000)
        .default('')
        .describe('When a service improvement plan is due, e.g. after two missed months.'),
    })
    .default({ credits: '', improvementPlan: '' }),
  security: z
    .object({
      dataProtection: z
        .string()
        .max(1000)
        .default('')
        .describe('Legal basis and processing terms (e.g. GDPR Art. 28).'),
      mailboxRestoreAuthorisation: z
        .string()
        .max(500)
        .default('')
        .describe("Who may authorise restoring or opening another person's mailbox."),
      backupEncryption: z.string().max(500).default(''),
      monitoringConsent: z
        .string()
        .max(500)
        .default('')
        .describe('Co-determination of monitoring (e.g. works council agreement).'),
    })
    .default({ dataProtection: '', mailboxRestoreAuthorisation: '', backupEncryption: '', monitoringConsent: '' }),
  disasterDeclaration: z
    .object({
      declaredBy: z.string().max(300).default('').describe('Who may declare a disaster (and a deputy).'),
      procedure: z.string().max(1000).default(''),
      excludedFromAvailability: z
        .boolean()
        .default(false)
        .describe(
          'Whether a declared disaster is excluded from the availability commitment, so the site-loss objectives apply instead.',
        ),
    })
    .default({ declaredBy: '', procedure: '', excludedFromAvailability: false }),
  changeNotice: z
    .object({
      standardDays: z
        .number()
        .int()
        .nonnegative()
        .optional()
        .describe('Days of notice before a planned change that affects users.'),
      emergency: z.string().max(500).default('').describe('How emergency changes are announced.'),
    })
    .default({ emergency: '' }),
  desk: z
    .object({
      howToReach: z.string().max(500).default('').describe('How users reach the service desk: phone, portal, mail.'),
      clocksRunIn: z
        .enum(['support-hours', 'around-the-clock'])
        .optional()
        .describe('Whether response and resolution clocks run only in support hours.'),
    })
    .default({ howToReach: '' }),
  contacts: z.array(contactSchema).max(40).default([]),
  outOfScope: lines,
  glossary: z.array(glossaryEntrySchema).max(100).default([]),
  history: z.array(historyEntrySchema).max(100).default([]),
  investments: z.array(investmentSchema).max(30).default([]),
});
export type Agreement = z.infer<typeof agreementSchema>;

/** The agreement sections of a file that has none: every list empty, every text blank. */
export const EMPTY_AGREEMENT: Agreement = agreementSchema.parse({});
