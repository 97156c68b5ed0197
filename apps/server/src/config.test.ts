import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded database on 127.0.0.1:3000', () => {
    const loaded = loadConfig({});
    expect(loaded.ok && loaded.config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: resolve('data'),
      databaseUrl: undefined,
      redisUrl: undefined,
    });
  });

  it('takes a relative DATA_DIR from where the command was typed (npm runs scripts inside the workspace)', () => {
    // `npm start` at the repository root runs the server inside apps/server but records the root as INIT_CWD.
    const viaNpm = loadConfig({ INIT_CWD: '/srv/accord' });
    expect(viaNpm.ok && viaNpm.config.dataDir).toBe('/srv/accord/data');
    const relative = loadConfig({ INIT_CWD: '/srv/accord', DATA_DIR: 'state/db' });
    expect(relative.ok && relative.config.dataDir).toBe('/srv/accord/state/db');
    const absolute = loadConfig({ INIT_CWD: '/srv/accord', DATA_DIR: '/var/lib/accord' });
    expect(absolute.ok && absolute.config.dataDir).toBe('/var/lib/accord');
  });

  it('bounds the shutdown grace and asks for a real metrics token', () => {
    const defaults = loadConfig({});
    expect(defaults.ok && defaults.config).toMatchObject({
      shutdownGraceMs: 2000,
      shutdownDrainMs: 0,
      metricsToken: undefined,
    });
    const drain = loadConfig({ SHUTDOWN_DRAIN_MS: '5000' });
    expect(drain.ok && drain.config.shutdownDrainMs).toBe(5000);
    const bad = loadConfig({ SHUTDOWN_GRACE_MS: '600000', METRICS_TOKEN: 'short' });
    expect(bad.ok ? '' : bad.error).toMatch(
      /SHUTDOWN_GRACE_MS: must be at most 60000[\s\S]*METRICS_TOKEN: must be at least 16/,
    );
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

  it('turns single sign-on on only with issuer, client id and secret together', () => {
    const none = loadConfig({});
    expect(none.ok && none.config.oidc).toBeUndefined();
    const partial = loadConfig({ OIDC_ISSUER: 'https://login.example.com' });
    expect(partial.ok).toBe(false);
    expect(!partial.ok && partial.error).toMatch(/OIDC_ISSUER: single sign-on needs all three/);
    const full = loadConfig({
      OIDC_ISSUER: 'https://login.example.com',
      OIDC_CLIENT_ID: 'accord',
      OIDC_CLIENT_SECRET: 's'.repeat(32),
    });
    expect(full.ok && full.config.oidc).toEqual({
      issuer: 'https://login.example.com',
      clientId: 'accord',
      clientSecret: 's'.repeat(32),
      signMaxAgeSeconds: 300,
    });
    const short = loadConfig({
      OIDC_ISSUER: 'https://login.example.com',
      OIDC_CLIENT_ID: 'accord',
      OIDC_CLIENT_SECRET: 'short',
    });
    expect(!short.ok && short.error).toMatch(/OIDC_CLIENT_SECRET: must be at least 16 characters/);
  });

  it('reads the allowed origins and the per-participant connection cap, refusing what is not an origin', () => {
    const loaded = loadConfig({
      ALLOWED_ORIGINS: 'https://App.Example.org, http://localhost:5173/',
      MAX_CONNECTIONS_PER_PARTICIPANT: '2',
    });
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
