import { parseRequirementsText, requirementsSchema, type Requirements } from '@accord/core/model';
import { TEMPLATES, templateById } from '@accord/core/templates';
import type { Database } from '@accord/db/schema';
import type { SessionResponse, WorkshopView } from '@accord/protocol/api';
import { AccordError } from '@accord/protocol/errors';
import { CONTROL_CHARACTER_MESSAGE, controlCharacterPath } from '@accord/protocol/plain-text';
import type { Kysely } from 'kysely';
import type { AuditRepository } from './audit.repository.ts';
import type { InviteRepository } from './invite.repository.ts';
import type { ParticipantRepository } from './participant.repository.ts';
import { fileProblems } from './requirements-problems.ts';
import { readWorkshopView, toParticipantView, toWorkshopView } from './workshop-views.ts';
import type { WorkshopRepository } from './workshop.repository.ts';

export interface WorkshopServiceDeps {
  readonly db: Kysely<Database>;
  readonly workshops: WorkshopRepository;
  readonly participants: ParticipantRepository;
  readonly invites: InviteRepository;
  readonly audit: AuditRepository;
}

/** Creating workshops, from a template or an imported requirements file, and reading them. */
export class WorkshopService {
  constructor(private readonly deps: WorkshopServiceDeps) {}

  templates(): { id: string; name: string; description: string }[] {
    return TEMPLATES.map(({ id, name, description }) => ({ id, name, description }));
  }

  /**
   * A new workshop from a template or an imported file, its facilitator (the creator) and the facilitator's
   * reusable link, all in one transaction.
   */
  async create(input: {
    template?: 'messaging' | 'blank';
    requirementsText?: string;
    facilitatorName: string;
  }): Promise<SessionResponse> {
    const { requirements, template } = this.startingPoint(input);
    const { deps } = this;
    return deps.db.transaction().execute(async (trx) => {
      const workshop = await deps.workshops.create({ title: requirements.meta.title, template, requirements }, trx);
      const link = await deps.invites.create(
        { workshopId: workshop.id, role: 'facilitator', label: 'facilitator', createdBy: null, expiresAt: null },
        trx,
      );
      const { participant, token } = await deps.participants.create(
        { workshopId: workshop.id, name: input.facilitatorName, role: 'facilitator', inviteId: link.invite.id },
        trx,
      );
      await deps.audit.record(
        workshop.id,
        'workshop.created',
        { id: participant.id, name: participant.name },
        { template },
        trx,
      );
      return {
        workshop: toWorkshopView(workshop),
        you: toParticipantView(participant),
        token,
        facilitatorLink: `/join/${link.token}`,
      };
    });
  }

  private startingPoint(input: { template?: 'messaging' | 'blank'; requirementsText?: string }): {
    requirements: Requirements;
    template: string;
  } {
    if (input.requirementsText !== undefined) {
      const parsed = parseRequirementsText(input.requirementsText);
      if (!parsed.ok) throw fileProblems(parsed.problems);
      // A YAML escape ("\0") can still decode to a control character; the title goes into a text column.
      const control = controlCharacterPath(parsed.value);
      if (control)
        throw new AccordError(
          'invalid_requirements',
          `requirementsText: ${control.join('.')} ${CONTROL_CHARACTER_MESSAGE}`,
          'requirementsText',
        );
      return { requirements: parsed.value, template: 'import' };
    }
    const template = templateById(input.template ?? 'blank');
    if (!template) throw new AccordError('invalid_body', 'template: choose "messaging" or "blank"', 'template');
    return { requirements: requirementsSchema.parse(template.requirements), template: template.id };
  }

  workshop(id: string): Promise<WorkshopView> {
    return readWorkshopView(this.deps.workshops, id);
  }
}
