import type { BuildContext, SectionDraft } from '../section-draft.ts';
import { agreementOf, factsOrGaps } from './agreement-text.ts';

/** FitSM: security and data protection — the legal basis, who may open a mailbox, backups, monitoring consent. */
export function securitySection(ctx: BuildContext): SectionDraft {
  const { security } = agreementOf(ctx);
  return {
    id: 'sla-security',
    title: 'Security and data protection',
    blocks: factsOrGaps([
      ['Data protection', security.dataProtection],
      ['Mailbox restores authorised by', security.mailboxRestoreAuthorisation],
      ['Backup encryption', security.backupEncryption],
      ['Monitoring agreed with', security.monitoringConsent],
    ]),
  };
}
