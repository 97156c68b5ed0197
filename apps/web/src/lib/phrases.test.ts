import { describe, expect, it } from 'vitest';
import { theNamed } from './phrases.ts';

describe('theNamed', () => {
  it('does not say the noun twice when the name ends in it ("the Sunday patch window window")', () => {
    expect(theNamed('Sunday patch window', 'window')).toBe('the Sunday patch window');
    expect(theNamed('Nightly Backup', 'backup')).toBe('the Nightly Backup');
    expect(theNamed('Weekly full backups', 'backup')).toBe('the Weekly full backups');
  });
  it('adds the noun when the name does not say it', () => {
    expect(theNamed('Sunday patching', 'window')).toBe('the Sunday patching window');
    expect(theNamed('Nightly full backup to disk, weekly to tape', 'backup')).toBe(
      'the Nightly full backup to disk, weekly to tape backup',
    );
    expect(theNamed('Shopwindow', 'window')).toBe('the Shopwindow window');
  });
});
