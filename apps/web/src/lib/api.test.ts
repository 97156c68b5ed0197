import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, describeProblem, documentUrl, requirementsUrl, type ApiProblem } from './api.ts';

describe('describeProblem', () => {
  it('gives the server’s sentence, capitalised', () => {
    expect(describeProblem({ status: 409, code: 'unchanged', message: 'nothing changed since version 2' })).toBe(
      'Nothing changed since version 2',
    );
  });

  it('only introduces a list of file problems, which names each one (the server’s message repeats the first)', () => {
    const broken: ApiProblem = {
      status: 400,
      code: 'invalid_requirements',
      message: 'the requirements file has 1 problem; first: (file): bad indentation',
      problems: [{ path: '', message: 'bad indentation' }],
    };
    expect(describeProblem(broken)).toBe('The requirements file has 1 problem:');
    const many = {
      ...broken,
      problems: Array.from({ length: 100 }, () => ({ path: 'meta.title', message: 'required' })),
    };
    expect(describeProblem(many)).toBe('The requirements file has 100 or more problems:');
    expect(describeProblem({ ...broken, code: 'not_publishable' })).toBe(
      'The requirements cannot be published yet; 1 problem to fix:',
    );
  });
});

describe('api', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('calls the paths the route table declares, each parameter encoded', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      calls.push(`${init.method ?? 'GET'} ${url}`);
      return Promise.resolve(new Response(null, { status: 204 }));
    });
    await api.removeSeat('w1', 'a/b');
    await api.revokeParticipant('w1', 'p 1', { alsoRevokeInvite: true });
    await api.signatures('w1', 3);
    expect(calls).toEqual([
      'DELETE /api/workshops/w1/seats/a%2Fb',
      'DELETE /api/workshops/w1/participants/p%201?alsoRevokeInvite=1',
      'GET /api/workshops/w1/versions/3/signatures',
    ]);
    expect(documentUrl('w1', 3, 'pdf')).toBe('/api/workshops/w1/versions/3/document.pdf');
    expect(requirementsUrl('w1', 'json')).toBe('/api/workshops/w1/requirements?format=json');
  });
});
