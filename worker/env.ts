/** Bindings and configuration, parsed once per isolate: a missing secret or a malformed limit is a clear error, never a silent default. */
import { DEFAULT_LIMITS, DEFAULT_TOPUP_FEE, type Limits, TOPUP_AMOUNTS } from './domain/money';
import type { ApiOptions } from './contract/types';
import type { ScheduleRunMessage } from './domain/schedule';
import type { PushMessage } from './domain/push';

export type Env = {
  /** The directory: email → user and shard, passkey credential → user (ADR 010). */
  DIRECTORY: D1Database;
  /** The shards, SHARD_0, SHARD_1, …: each holds everything of its users. */
  [shard: `SHARD_${number}`]: D1Database | undefined;
  /** The shards new users may be placed on, e.g. "0,1" (a closed shard keeps serving its users). */
  SHARDS_OPEN?: string;
  /** Scheduled top-up runs: the cron produces, the Worker's queue handler consumes. */
  SCHEDULE_RUNS: Queue<ScheduleRunMessage>;
  /** Pushes to send (ADR 014): written to the outbox in the event's batch, then a message here. */
  PUSHES: Queue<PushMessage>;
  /** VAPID application server key pair (base64url: the uncompressed P-256 point; the private scalar, a secret). */
  VAPID_PUBLIC_KEY?: string;
  VAPID_PRIVATE_KEY?: string;
  /** Who runs the push sender: a real `mailto:` or `https:` URL (push services check it). */
  VAPID_SUBJECT?: string;
  /** "on" (local development only): push subscriptions may be http://127.0.0.1 or http://localhost endpoints. */
  PUSH_ALLOW_HTTP?: string;
  JWT_SECRET?: string;
  /** The previous signing secret, still accepted while tokens signed with it live (rotation). */
  JWT_SECRET_PREVIOUS?: string;
  PASSWORD_PEPPER?: string;
  SIMULATED_KYC?: string;
  TOPUP_FEE?: string;
  TOPUP_AMOUNTS?: string;
  LIMIT_BENEFICIARY_MONTHLY_VERIFIED?: string;
  LIMIT_BENEFICIARY_MONTHLY_UNVERIFIED?: string;
  LIMIT_TOTAL_MONTHLY?: string;
  MAX_ACTIVE_BENEFICIARIES?: string;
  PBKDF2_ITERATIONS?: string;
  PROVIDER_TIMEOUT_MS?: string;
  RECONCILE_AFTER_SECONDS?: string;
  APP_VERSION?: string;
  /** "off" silences the per-request log line (the test suites set it). */
  REQUEST_LOG?: string;
  /** "on" lists each request's D1 round trips in X-D1-Trace (benchmarks only). */
  D1_TRACE?: string;
  /** The built PWA and the OpenAPI document (wrangler.toml [assets]). */
  ASSETS: Fetcher;
  /** Per-client budget shared by sign-up and sign-in (Rate Limiting binding, wrangler.toml). */
  AUTH_LIMITER: RateLimit;
  /** Comma-separated origins passkeys may be used from (staging/production); unset locally = the request's origin. */
  WEBAUTHN_ORIGINS?: string;
  /** "staging" or "production" when deployed (wrangler.toml); unset locally. */
  ENVIRONMENT?: string;
  /** Cloudflare Access (the operations API): the team's issuer, its keys and the application's AUD tag. */
  ACCESS_ISSUER?: string;
  ACCESS_JWKS_URL?: string;
  ACCESS_AUD?: string;
  /** "on" (local only): also accept the development issuer of `npm run admin:token`, whose public JWK is below. */
  ACCESS_DEV_ISSUER?: string;
  ACCESS_DEV_PUBLIC_JWK?: string;
};

export type Config = {
  jwtSecret: Uint8Array<ArrayBuffer>;
  jwtPreviousSecret: Uint8Array<ArrayBuffer> | null;
  pepper: Uint8Array<ArrayBuffer>;
  simulatedKyc: boolean;
  fee: number;
  amounts: number[];
  limits: Limits;
  pbkdf2Iterations: number;
  providerTimeoutMs: number;
  reconcileAfterMs: number;
  version: string;
  /** Shards a new user may be placed on (SHARDS_OPEN), each one bound. */
  shardsOpen: number[];
  access: AccessConfig;
  /** Web Push (VAPID); null when the deployment has no key pair: no push is sent, the inbox still fills. */
  push: PushConfig | null;
};

/** Who may sign operators in: the team's Access issuer, and locally the development issuer (never on a deployed Worker, whatever its vars). */
export type AccessConfig = {
  team: { issuer: string; jwksUrl: string; audience: string } | null;
  dev: { publicJwk: JsonWebKey } | null;
};

export type PushConfig = { publicKey: string; privateKey: string; subject: string; allowHttp: boolean };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function int(env: Env, name: keyof Env, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function secret(env: Env, name: 'JWT_SECRET' | 'JWT_SECRET_PREVIOUS' | 'PASSWORD_PEPPER'): Uint8Array<ArrayBuffer> {
  const value = env[name];
  if (!value || value.length < 32) {
    throw new ConfigError(`${name} is missing or shorter than 32 characters: set it with \`wrangler secret put ${name}\` (or in .dev.vars locally)`);
  }
  return new TextEncoder().encode(value);
}

function amounts(env: Env): number[] {
  if (!env.TOPUP_AMOUNTS) return [...TOPUP_AMOUNTS];
  const list = env.TOPUP_AMOUNTS.split(',').map((part) => Number(part.trim()));
  if (list.length === 0 || list.some((n) => !Number.isSafeInteger(n) || n <= 0)) {
    throw new ConfigError(`TOPUP_AMOUNTS must be a comma-separated list of positive integers (fils)`);
  }
  return list;
}

function shardsOpen(env: Env): number[] {
  const list = (env.SHARDS_OPEN ?? '0').split(',').map((part) => Number(part.trim()));
  const unbound = list.find((n) => !Number.isSafeInteger(n) || n < 0 || !env[`SHARD_${n}`]);
  if (list.length === 0 || unbound !== undefined) {
    throw new ConfigError(`SHARDS_OPEN must list bound shards (SHARD_n bindings), got ${JSON.stringify(env.SHARDS_OPEN)}`);
  }
  return list;
}

export function parseConfig(env: Env): Config {
  const verified = int(env, 'LIMIT_BENEFICIARY_MONTHLY_VERIFIED', DEFAULT_LIMITS.beneficiaryMonthly.verified, 0, 1e12);
  const unverified = int(env, 'LIMIT_BENEFICIARY_MONTHLY_UNVERIFIED', DEFAULT_LIMITS.beneficiaryMonthly.unverified, 0, 1e12);
  return {
    jwtSecret: secret(env, 'JWT_SECRET'),
    jwtPreviousSecret: env.JWT_SECRET_PREVIOUS ? secret(env, 'JWT_SECRET_PREVIOUS') : null,
    pepper: secret(env, 'PASSWORD_PEPPER'),
    simulatedKyc: env.SIMULATED_KYC === 'on',
    fee: int(env, 'TOPUP_FEE', DEFAULT_TOPUP_FEE, 0, 1e9),
    amounts: amounts(env),
    limits: {
      beneficiaryMonthly: { verified, unverified },
      totalMonthly: int(env, 'LIMIT_TOTAL_MONTHLY', DEFAULT_LIMITS.totalMonthly, 0, 1e12),
      maxActiveBeneficiaries: int(env, 'MAX_ACTIVE_BENEFICIARIES', DEFAULT_LIMITS.maxActiveBeneficiaries, 0, 1000),
    },
    // Production Workers refuse PBKDF2 above 100,000 iterations.
    pbkdf2Iterations: int(env, 'PBKDF2_ITERATIONS', 100_000, 1_000, 100_000),
    providerTimeoutMs: int(env, 'PROVIDER_TIMEOUT_MS', 5_000, 1, 60_000),
    reconcileAfterMs: int(env, 'RECONCILE_AFTER_SECONDS', 120, 0, 86_400) * 1000,
    version: env.APP_VERSION ?? '0.1.0',
    shardsOpen: shardsOpen(env),
    access: accessConfig(env),
    push: pushConfig(env),
  };
}

export const DEPLOYED_ENVIRONMENTS = ['staging', 'production'];

function accessConfig(env: Env): AccessConfig {
  const issuer = env.ACCESS_ISSUER?.replace(/\/+$/, '');
  const team = issuer && env.ACCESS_AUD ? { issuer, jwksUrl: env.ACCESS_JWKS_URL || `${issuer}/cdn-cgi/access/certs`, audience: env.ACCESS_AUD } : null;
  const deployed = DEPLOYED_ENVIRONMENTS.includes(env.ENVIRONMENT ?? '');
  if (env.ACCESS_DEV_ISSUER !== 'on' || deployed || !env.ACCESS_DEV_PUBLIC_JWK) return { team, dev: null };
  let publicJwk: JsonWebKey;
  try {
    publicJwk = JSON.parse(env.ACCESS_DEV_PUBLIC_JWK) as JsonWebKey;
  } catch {
    throw new ConfigError('ACCESS_DEV_PUBLIC_JWK must be a JSON Web Key (scripts/dev-vars.mjs writes it into .dev.vars)');
  }
  if (publicJwk.kty !== 'RSA' || 'd' in publicJwk) throw new ConfigError('ACCESS_DEV_PUBLIC_JWK must be a public RSA key');
  return { team, dev: { publicJwk } };
}

function pushConfig(env: Env): PushConfig | null {
  const { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey } = env;
  if (!publicKey && !privateKey) return null;
  if (!publicKey || !/^[A-Za-z0-9_-]{87}$/.test(publicKey) || !privateKey || !/^[A-Za-z0-9_-]{43}$/.test(privateKey)) {
    throw new ConfigError('VAPID_PUBLIC_KEY (87 base64url characters) and VAPID_PRIVATE_KEY (43) must be set together: `npm run vapid:keys` makes a pair');
  }
  const subject = env.VAPID_SUBJECT ?? '';
  if (!/^(mailto:|https:\/\/)/.test(subject)) throw new ConfigError(`VAPID_SUBJECT must be a mailto: or https: URL, got ${JSON.stringify(subject)}`);
  return { publicKey, privateKey, subject, allowHttp: env.PUSH_ALLOW_HTTP === 'on' };
}

const cache = new WeakMap<Env, Config>();

export function configFor(env: Env): Config {
  let config = cache.get(env);
  if (!config) {
    config = parseConfig(env);
    cache.set(env, config);
  }
  return config;
}

export function signingKeys(config: Config): { current: Uint8Array<ArrayBuffer>; previous: Uint8Array<ArrayBuffer> | null } {
  return { current: config.jwtSecret, previous: config.jwtPreviousSecret };
}

/** What GET /api/topups/options (and /api/bootstrap) answer: the configured amounts, fee and limits. */
export function optionsOf(config: Config): ApiOptions {
  return {
    currency: 'AED',
    amounts: config.amounts,
    fee: config.fee,
    limits: {
      beneficiary_monthly: { ...config.limits.beneficiaryMonthly },
      total_monthly: config.limits.totalMonthly,
      max_active_beneficiaries: config.limits.maxActiveBeneficiaries,
    },
    time_zone: 'Asia/Dubai',
  };
}
