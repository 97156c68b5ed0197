import { describe, expect, it } from 'vitest';
import { readChosenFile, type FileInputLike } from './chosen-file.ts';

function input(files: { name: string; text: string }[]): FileInputLike {
  return {
    files: files.map((f) => ({ name: f.name, text: async () => f.text })),
    value: files[0] ? `C:\\fakepath\\${files[0].name}` : '',
  };
}

describe('readChosenFile', () => {
  it('reads the chosen file and empties the input, so the same file can be chosen again', async () => {
    const chosen = input([{ name: 'payroll.yaml', text: 'formatVersion: 1' }]);
    await expect(readChosenFile(chosen)).resolves.toEqual({ ok: true, name: 'payroll.yaml', text: 'formatVersion: 1' });
    expect(chosen.value).toBe('');
  });

  it('says when the file cannot be read, and empties the input then too', async () => {
    const chosen: FileInputLike = {
      files: [{ name: 'gone.yaml', text: () => Promise.reject(new Error('NotReadableError')) }],
      value: 'gone.yaml',
    };
    await expect(readChosenFile(chosen)).resolves.toEqual({
      ok: false,
      name: 'gone.yaml',
      error: 'gone.yaml could not be read; choose it again',
    });
    expect(chosen.value).toBe('');
  });

  it('gives null when nothing was chosen (the dialog was cancelled)', async () => {
    await expect(readChosenFile(input([]))).resolves.toBeNull();
    await expect(readChosenFile({ files: null, value: '' })).resolves.toBeNull();
  });
});
