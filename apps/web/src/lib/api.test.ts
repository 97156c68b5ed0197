import { describe, expect, it } from 'vitest';
import { describeProblem, type ApiProblem } from './api.ts';

describe('describeProblem', () => {
  it('gives the server’s sentence, capitalised', () => {
    expect(describeProblem({ status: 409, code: 'unchanged', message: 'nothing changed since version 2' })).toBe('Nothing changed since version 2');
  });

  it('only introduces a list of file problems, which names each one (the server’s message repeats the first)', () => {
    const broken: ApiProblem = {
      status: 400, code: 'invalid_requirements', message: 'the requirements file has 1 problem; first: (file): bad indentation',
      problems: [{ path: '', message: 'bad indentation' }],
    };
    expect(describeProblem(broken)).toBe('The requirements file has 1 problem:');
    const many = { ...broken, problems: Array.from({ length: 100 }, () => ({ path: 'meta.title', message: 'required' })) };
    expect(describeProblem(many)).toBe('The requirements file has 100 or more problems:');
    expect(describeProblem({ ...broken, code: 'not_publishable' })).toBe('The requirements cannot be published yet; 1 problem to fix:');
  });
});
