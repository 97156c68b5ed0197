import { createContext, tick } from 'svelte';
import { fieldElementId, pathAndAncestors, phaseOfPath } from '../lib/field-paths.ts';
import type { DeferredDrawing } from './deferred-drawing.ts';
import type { WorkshopSession } from './WorkshopSession.svelte.ts';

/** The field whose proposals are open in the proposal dialog. */
export interface ProposalTarget {
  readonly path: string;
  readonly label: string;
}

const FOCUSABLE = 'input:not([type=hidden]), select, textarea, button, [tabindex]';

/** Room-wide UI state that is this participant's alone: dialogs, and jumping to a field. */
export class RoomUi {
  proposalTarget = $state.raw<ProposalTarget | null>(null);
  toolsOpen = $state(false);
  /** Shown briefly on the field a finding link jumped to. */
  highlighted = $state<string | null>(null);

  constructor(
    private readonly session: WorkshopSession,
    private readonly drawing: DeferredDrawing,
  ) {}

  openProposals(path: string, label: string): void {
    this.proposalTarget = { path, label };
  }

  closeProposals(): void {
    this.proposalTarget = null;
  }

  /** Undoes the pending `keepInView` of an earlier jump, if any. */
  #stopKeepingInView: (() => void) | undefined;

  /**
   * Sections above a field may still be sized by their estimate (`content-visibility`, see Deferred.svelte)
   * while a smooth scroll runs, so it can end short of the field: once the scroll ends (or within a second,
   * if it never started), the field is brought into view again if it is not still in view and focused. A
   * later jump, or the person scrolling, typing or pointing meanwhile, calls it off.
   */
  private keepInView(target: HTMLElement): void {
    this.#stopKeepingInView?.();
    const inputs = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
    const stop = (): void => {
      clearTimeout(timer);
      window.removeEventListener('scrollend', settle);
      for (const input of inputs) window.removeEventListener(input, stop);
      if (this.#stopKeepingInView === stop) this.#stopKeepingInView = undefined;
    };
    const settle = (): void => {
      stop();
      const box = target.getBoundingClientRect();
      const away = box.bottom < 0 || box.top > window.innerHeight;
      if (away && document.activeElement === target) target.scrollIntoView({ block: 'center' });
    };
    const timer = setTimeout(settle, 1000);
    window.addEventListener('scrollend', settle);
    for (const input of inputs) window.addEventListener(input, stop, { passive: true });
    this.#stopKeepingInView = stop;
  }

  /**
   * Opens the phase that edits a field and focuses its input; when the field has no input of its own
   * (a whole list, say), the nearest section that has one is focused instead.
   */
  async focusField(path: string): Promise<boolean> {
    this.session.show(phaseOfPath(path));
    await tick();
    // The field may be in a section not drawn yet (see DeferredDrawing).
    this.drawing.drawAll();
    await tick();
    for (const candidate of pathAndAncestors(path)) {
      const element = document.getElementById(fieldElementId(candidate));
      if (!element) continue;
      for (
        let details = element.closest('details');
        details;
        details = details.parentElement?.closest('details') ?? null
      )
        details.open = true;
      const target = element.matches(FOCUSABLE) ? element : (element.querySelector<HTMLElement>(FOCUSABLE) ?? element);
      target.scrollIntoView({ block: 'center', behavior: 'smooth' });
      this.keepInView(target);
      target.focus({ preventScroll: true });
      this.highlighted = candidate;
      setTimeout(() => {
        if (this.highlighted === candidate) this.highlighted = null;
      }, 2500);
      return true;
    }
    return false;
  }
}

export const [getRoomUi, setRoomUi] = createContext<RoomUi>();
