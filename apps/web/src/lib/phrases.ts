/**
 * "the Sunday patch window" for a window named "Sunday patch window", "the Nightly window" for one named
 * "Nightly": names people give often end in the kind of thing they name, which must not be said twice.
 */
export function theNamed(name: string, noun: string): string {
  const saysIt = new RegExp(`(^|\\s)${noun.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}s?$`, 'i').test(name.trim());
  return saysIt ? `the ${name.trim()}` : `the ${name.trim()} ${noun}`;
}

/** "3 errors", "1 warning": a count with its noun. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A moment in the reader's own zone and words ("6 Dec 2026, 17:05"). */
export function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
