import { AccordError } from '@accord/protocol/errors';

/** An `invalid_requirements` refusal carrying each problem of a requirements file, with its path. */
export function fileProblems(problems: readonly { path: string; message: string }[]): AccordError {
  const first = problems[0];
  const where = first?.path ? `${first.path}: ` : '';
  const summary =
    problems.length === 1 && first
      ? `the requirements file has a problem: ${where}${first.message}`
      : `the requirements file has ${problems.length} problems${first ? `; the first: ${where}${first.message}` : ''}`;
  return new AccordError('invalid_requirements', summary, 'requirementsText', problems.slice(0, 100));
}
