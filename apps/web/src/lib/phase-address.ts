import type { Phase } from '@accord/protocol/phases';

/**
 * Keeps the address bar and the phase a participant looks at in step, both ways: choosing a phase (or the
 * facilitator moving the room) pushes `/w/<id>/<phase>`, so back and forward walk the phases seen; back or
 * forward (or a deep link) shows the phase the address names. An address without a phase means "wherever
 * the room is", so the link a facilitator hands out keeps following the room.
 */
export class PhaseAddress {
  private lastRoute: Phase | undefined;
  private lastView: Phase;

  constructor(route: Phase | undefined, view: Phase) {
    this.lastRoute = route;
    this.lastView = view;
  }

  /**
   * What to do now that the address says `route`, the participant views `view` and the room is at `room`:
   * show another phase (the address moved), push an address (the view moved), or nothing.
   */
  step(route: Phase | undefined, view: Phase, room: Phase): { readonly show: Phase } | { readonly push: Phase } | null {
    const addressed = route ?? room;
    if (route !== this.lastRoute) {
      this.lastRoute = route;
      if (addressed === view) return null;
      this.lastView = addressed;
      return { show: addressed };
    }
    if (view === this.lastView) return null;
    this.lastView = view;
    if (view === addressed) return null;
    this.lastRoute = view;
    return { push: view };
  }
}
