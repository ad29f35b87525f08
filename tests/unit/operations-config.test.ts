/**
 * The operations console's configuration (docs/decisions/015-operations.md): the
 * development issuer is on locally only; staging and production name their Access
 * team and keep Workers Logs on; a deployed Worker ignores the development issuer
 * even if its vars were to say otherwise.
 */
import { describe, expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';
import { parseConfig, type Env } from '../../worker/env';

type Read = (args: { config: string; env?: string }) => { vars: Record<string, unknown>; observability?: { enabled?: boolean; logs?: { enabled?: boolean } } };
const read = (env?: string) => (unstable_readConfig as unknown as Read)({ config: 'wrangler.toml', ...(env ? { env } : {}) });

const base = {
  JWT_SECRET: 'x'.repeat(32),
  PASSWORD_PEPPER: 'y'.repeat(32),
  SHARD_0: {} as D1Database,
  ACCESS_DEV_PUBLIC_JWK: JSON.stringify({ kty: 'RSA', n: 'abc', e: 'AQAB' }),
} as unknown as Env;

describe('operations configuration', () => {
  it('turns the development issuer on locally and off, with an Access team, in staging and production', () => {
    expect(read().vars['ACCESS_DEV_ISSUER']).toBe('on');
    expect(read().vars['ENVIRONMENT']).toBeUndefined();
    for (const env of ['staging', 'production']) {
      const vars = read(env).vars;
      expect(vars['ENVIRONMENT'], env).toBe(env);
      expect(vars['ACCESS_DEV_ISSUER'], env).toBe('off');
      expect(vars['ACCESS_DEV_PUBLIC_JWK'], env).toBeUndefined();
      expect(String(vars['ACCESS_ISSUER']), env).toMatch(/^https:\/\/[a-z0-9-]+\.cloudflareaccess\.com$/);
      expect(String(vars['ACCESS_AUD']).length, env).toBeGreaterThan(0);
      expect(read(env).observability, env).toMatchObject({ enabled: true, logs: { enabled: true } });
    }
  });

  it('a deployed Worker has no development issuer even when told to', () => {
    expect(parseConfig({ ...base, ACCESS_DEV_ISSUER: 'on' }).access.dev).not.toBeNull();
    for (const ENVIRONMENT of ['staging', 'production']) expect(parseConfig({ ...base, ACCESS_DEV_ISSUER: 'on', ENVIRONMENT }).access.dev).toBeNull();
    expect(parseConfig({ ...base, ACCESS_DEV_ISSUER: 'off' }).access.dev).toBeNull();
    expect(() => parseConfig({ ...base, ACCESS_DEV_ISSUER: 'on', ACCESS_DEV_PUBLIC_JWK: JSON.stringify({ kty: 'RSA', n: 'a', e: 'AQAB', d: 'secret' }) })).toThrow(/public/);
  });

  it('the team issuer needs both the issuer and the AUD tag; its keys default to the team certs URL', () => {
    expect(parseConfig({ ...base, ACCESS_ISSUER: 'https://t.cloudflareaccess.com/' }).access.team).toBeNull();
    expect(parseConfig({ ...base, ACCESS_ISSUER: 'https://t.cloudflareaccess.com/', ACCESS_AUD: 'aud' }).access.team).toEqual({
      issuer: 'https://t.cloudflareaccess.com',
      jwksUrl: 'https://t.cloudflareaccess.com/cdn-cgi/access/certs',
      audience: 'aud',
    });
  });
});
