import type { SessionResponse } from '@accord/protocol/api';
import { rememberWorkshop } from './recent-workshops.ts';

const LINK_KEY = (workshopId: string) => `accord.facilitator-link.${workshopId}`;

/** After creating or joining: remember the workshop on this device, keep the facilitator's link for this tab. */
export function rememberSession(session: SessionResponse): void {
  rememberWorkshop(safeStorage('localStorage'), {
    id: session.workshop.id,
    title: session.workshop.title,
    role: session.you.role,
    name: session.you.name,
    openedAt: new Date().toISOString(),
  });
  if (session.facilitatorLink)
    safeStorage('sessionStorage')?.setItem(LINK_KEY(session.workshop.id), session.facilitatorLink);
}

/** The facilitator's own link, shown once in the room so they can open it on the projector. */
export function facilitatorLink(workshopId: string): string | null {
  return safeStorage('sessionStorage')?.getItem(LINK_KEY(workshopId)) ?? null;
}

/** Browsers may refuse storage (private mode, policies); Accord then works without it. */
export function safeStorage(kind: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    return globalThis[kind];
  } catch {
    return undefined;
  }
}

/** A link the server returned (`/join/…` or absolute) as an absolute URL people can share. */
export function absoluteLink(link: string): string {
  return new URL(link, location.origin).toString();
}
