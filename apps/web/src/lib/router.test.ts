import { describe, expect, it } from 'vitest';
import { matchRoute } from './routes.ts';

describe('matchRoute', () => {
  it('knows the start, join and room pages', () => {
    expect(matchRoute('/')).toEqual({ page: 'start' });
    expect(matchRoute('/join/abc123')).toEqual({ page: 'join', invite: 'abc123' });
    expect(matchRoute('/w/w1x2/')).toEqual({ page: 'room', workshopId: 'w1x2' });
    expect(matchRoute('/w/')).toEqual({ page: 'not-found' });
    expect(matchRoute('/admin')).toEqual({ page: 'not-found' });
  });
});
