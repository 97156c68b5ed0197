import { describe, expect, it } from 'vitest';
import { matchRoute, roomPath } from './routes.ts';

describe('matchRoute', () => {
  it('knows the start, join and room pages', () => {
    expect(matchRoute('/')).toEqual({ page: 'start' });
    expect(matchRoute('/join/abc123')).toEqual({ page: 'join', invite: 'abc123' });
    expect(matchRoute('/w/w1x2/')).toEqual({ page: 'room', workshopId: 'w1x2' });
    expect(matchRoute('/w/')).toEqual({ page: 'not-found' });
    expect(matchRoute('/admin')).toEqual({ page: 'not-found' });
  });

  it('gives every phase of a room its own address', () => {
    expect(matchRoute('/w/w1x2/recovery')).toEqual({ page: 'room', workshopId: 'w1x2', phase: 'recovery' });
    expect(matchRoute('/w/w1x2/signoff/')).toEqual({ page: 'room', workshopId: 'w1x2', phase: 'signoff' });
    expect(matchRoute('/w/w1x2/nonsense')).toEqual({ page: 'not-found' });
    expect(matchRoute(roomPath('w1x2', 'review'))).toEqual({ page: 'room', workshopId: 'w1x2', phase: 'review' });
  });
});
