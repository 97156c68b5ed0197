import type { Database } from '@accord/db/schema';
import type { Kysely } from 'kysely';
import { DeliberationService } from './control/deliberation.service.ts';
import { SteeringRepository } from './control/steering.repository.ts';
import { SteeringService } from './control/steering.service.ts';
import { VoteRepository } from './control/vote.repository.ts';
import type { Logger } from './logger.ts';
import type { RoomRegistry } from './sync/room-registry.ts';
import { SignOffService } from './versions/sign-off.service.ts';
import { VerifyService } from './versions/verify.service.ts';
import { VersionPdfRepository } from './versions/version-pdf.repository.ts';
import { VersionRepository } from './versions/version.repository.ts';
import { VersionService } from './versions/version.service.ts';
import { AuditRepository } from './workshops/audit.repository.ts';
import { InviteRepository } from './workshops/invite.repository.ts';
import { JoinService } from './workshops/join.service.ts';
import { MembershipService } from './workshops/membership.service.ts';
import { ParticipantRepository } from './workshops/participant.repository.ts';
import { RequirementsService } from './workshops/requirements.service.ts';
import { RoomFreeze } from './workshops/room-freeze.ts';
import { SponsorSeatRepository } from './workshops/sponsor-seat.repository.ts';
import { SponsorSeatService } from './workshops/sponsor-seat.service.ts';
import { WorkshopEvents } from './workshops/workshop-events.ts';
import { WorkshopRepository } from './workshops/workshop.repository.ts';
import { WorkshopService } from './workshops/workshop.service.ts';

export interface ServiceDeps {
  readonly db: Kysely<Database>;
  readonly registry: RoomRegistry;
  readonly logger: Logger;
  /** Single sign-on is configured: seats are joined by a login as their person, and signatures say so. */
  readonly singleSignOn: boolean;
}

export type Services = ReturnType<typeof createServices>;

/** Every repository over the database and every service the HTTP routes and the control plane call. */
export function createServices({ db, registry, logger, singleSignOn }: ServiceDeps) {
  const participants = new ParticipantRepository(db);
  const invites = new InviteRepository(db);
  const audit = new AuditRepository(db);
  const seats = new SponsorSeatRepository(db);
  const workshopRows = new WorkshopRepository(db);
  const votes = new VoteRepository(db);
  const versionRows = new VersionRepository(db);
  const pdfs = new VersionPdfRepository(db);
  const events = new WorkshopEvents();

  const workshops = new WorkshopService({ db, workshops: workshopRows, participants, invites, audit });
  const joins = new JoinService({
    db,
    workshops: workshopRows,
    participants,
    invites,
    seats,
    audit,
    events,
    logger,
    seatsNeedLogin: singleSignOn,
  });
  const membership = new MembershipService({ participants, invites, audit, events });
  const versions = new VersionService({
    versions: versionRows,
    votes,
    participants,
    seats,
    audit,
    registry,
    events,
    logger,
  });
  const signOff = new SignOffService({
    db,
    versions: versionRows,
    versionService: versions,
    pdfs,
    seats,
    audit,
    events,
    identification: singleSignOn ? 'single-sign-on' : 'invite-link',
  });
  const verify = new VerifyService({
    versions: versionRows,
    versionService: versions,
    pdfs,
    signOff,
    workshops: workshopRows,
  });
  const freeze = new RoomFreeze({
    workshops: workshopRows,
    registry,
    versions: versionRows,
    versionService: versions,
    audit,
    events,
  });
  const isFrozen = (workshopId: string): Promise<boolean> => freeze.isFrozen(workshopId);
  return {
    participants,
    seats,
    audit,
    events,
    workshops,
    joins,
    membership,
    versions,
    signOff,
    verify,
    freeze,
    seatService: new SponsorSeatService({ db, seats, invites, participants, audit }),
    steering: new SteeringService({ steering: new SteeringRepository(db), audit, events }),
    deliberation: new DeliberationService({ votes, audit, registry, events, isFrozen }),
    requirements: new RequirementsService(registry, audit, isFrozen),
  };
}
