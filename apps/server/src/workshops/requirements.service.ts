import { parseRequirementsText } from '@accord/core/model';
import { readRaw, writeRequirements } from '@accord/core/ydoc';
import { stringify } from 'yaml';
import type { RoomRegistry } from '../sync/room-registry.ts';
import type { AuditRepository } from './audit.repository.ts';
import type { Participant } from './participant.repository.ts';
import { roomFrozen } from './room-freeze.ts';
import { fileProblems } from './requirements-problems.ts';

/** The requirements as a file (SLA as code): export what is stored, import a file over the document. */
export class RequirementsService {
  constructor(
    private readonly registry: RoomRegistry,
    private readonly audit: AuditRepository,
    /** Whether the facilitator froze the room for signing: then nothing changes the document. */
    private readonly isFrozen: (workshopId: string) => Promise<boolean> = async () => false,
  ) {}

  /** The document as it stands, as YAML or JSON text (it may not validate yet: imports report why). */
  async export(workshopId: string, format: 'yaml' | 'json'): Promise<string> {
    const raw = await this.registry.withRoom(workshopId, (room) => readRaw(room.doc));
    return format === 'json'
      ? `${JSON.stringify(raw, null, 2)}\n`
      : `# Accord requirements file, format version 1\n${stringify(raw, { lineWidth: 0 })}`;
  }

  /** Replaces the document's content with a validated file, stored like any edit before anyone sees it. */
  async import(actor: Participant, text: string): Promise<{ functions: number }> {
    const parsed = parseRequirementsText(text);
    if (!parsed.ok) throw fileProblems(parsed.problems);
    if (await this.isFrozen(actor.workshopId)) throw roomFrozen();
    await this.registry.withRoom(actor.workshopId, (room) =>
      room.applyServerChange((doc) => {
        writeRequirements(doc, parsed.value);
        return { ok: true };
      }),
    );
    await this.audit.record(actor.workshopId, 'requirements.imported', actor, {
      functions: parsed.value.functions.length,
    });
    return { functions: parsed.value.functions.length };
  }
}
