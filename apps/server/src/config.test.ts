import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded database on 127.0.0.1:3000', () => {
    const loaded = loadConfig({});
    expect(loaded.ok && loaded.config).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: './data', databaseUrl: undefined, redisUrl: undefined });
  });

  it('names every bad variable and says what it must be', () => {
    const loaded = loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', MAX_PARTICIPANTS: '-1' });
    expect(loaded.ok).toBe(false);
    const error = loaded.ok ? '' : loaded.error;
    expect(error).toMatch(/PORT: must be a TCP port/);
    expect(error).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(error).toMatch(/LOG_LEVEL/);
    expect(error).toMatch(/MAX_PARTICIPANTS/);
  });

  it('refuses Redis without a shared PostgreSQL', () => {
    const loaded = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(loaded.ok ? '' : loaded.error).toMatch(/REDIS_URL .* needs DATABASE_URL/);
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://db/accord' }).ok).toBe(true);
  });

  it('treats empty variables as unset', () => {
    const loaded = loadConfig({ PORT: '', DATABASE_URL: '' });
    expect(loaded.ok && loaded.config.port).toBe(3000);
  });

  it('reads the allowed origins and the per-participant connection cap, refusing what is not an origin', () => {
    const loaded = loadConfig({ ALLOWED_ORIGINS: 'https://App.Example.org, http://localhost:5173/', MAX_CONNECTIONS_PER_PARTICIPANT: '2' });
    expect(loaded.ok && loaded.config.allowedOrigins).toEqual(['https://app.example.org', 'http://localhost:5173']);
    expect(loaded.ok && loaded.config.maxConnectionsPerParticipant).toBe(2);
    const defaults = loadConfig({});
    expect(defaults.ok && defaults.config.maxConnectionsPerParticipant).toBe(4);
    expect(defaults.ok && defaults.config.allowedOrigins).toEqual([]);
    for (const bad of ['app.example.org', 'https://app.example.org/path', 'ftp://x']) {
      const refused = loadConfig({ ALLOWED_ORIGINS: bad });
      expect(refused.ok ? '' : refused.error, bad).toMatch(/ALLOWED_ORIGINS/);
    }
    expect(loadConfig({ MAX_CONNECTIONS_PER_PARTICIPANT: '0' }).ok).toBe(false);
  });
});
