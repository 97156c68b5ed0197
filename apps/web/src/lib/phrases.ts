/**
 * "the Sunday patch window" for a window named "Sunday patch window", "the Nightly window" for one named
 * "Nightly": names people give often end in the kind of thing they name, which must not be said twice.
 */
export function theNamed(name: string, noun: string): string {
  const saysIt = new RegExp(`(^|\\s)${noun.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}s?$`, 'i').test(name.trim());
  return saysIt ? `the ${name.trim()}` : `the ${name.trim()} ${noun}`;
}
