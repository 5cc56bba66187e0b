/**
 * Connections to Redis, the job store and queue of distributed proving.
 *
 * Redis is reached on loopback unless a URL names another host; the password is the `password`
 * option, else ZISK_REDIS_PASSWORD, else the URL's (`redis://:PASSWORD@host:port`). Every connection gives up after a bounded number
 * of reconnection attempts, so a Redis that goes away ends the coordinator or worker with a
 * one-line error instead of leaving it waiting forever.
 */
import { Redis, type RedisOptions } from 'ioredis';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface RedisConfig {
  /** `redis://[:password@]host[:port][/db]`; default redis://127.0.0.1:6379. */
  readonly url?: string | undefined;
  /** Overrides the URL's password; default: ZISK_REDIS_PASSWORD when set. */
  readonly password?: string | undefined;
  /** How long reconnection is attempted before giving up (default 10 s). */
  readonly giveUpMs?: number | undefined;
}

/** Redis cannot be reached, or went away for longer than the configured grace period. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

/** The host, port, db and password a URL names (validated; no other schemes or options). */
export function parseRedisUrl(url: string): { host: string; port: number; db: number; password?: string; username?: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RangeError(`--redis must be a URL such as ${DEFAULT_REDIS_URL}, got '${url}'`);
  }
  if (u.protocol !== 'redis:') throw new RangeError(`--redis must be a redis:// URL, got '${url}'`);
  const port = u.port === '' ? 6379 : Number(u.port);
  const dbText = u.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0 || db > 15) throw new RangeError(`--redis: database must be 0‥15, got '${dbText}'`);
  return {
    host: u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port,
    db,
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
  };
}

/** Where a config points, without its password: for messages. */
export function describeRedis(config: RedisConfig): string {
  const { host, port, db } = parseRedisUrl(config.url ?? DEFAULT_REDIS_URL);
  return `redis://${host.includes(':') ? `[${host}]` : host}:${port}${db ? `/${db}` : ''}`;
}

/**
 * ioredis options for a config. `blocking`: for BullMQ workers, whose blocking connection must
 * retry requests indefinitely while connected (BullMQ requires maxRetriesPerRequest: null).
 */
export function redisOptions(config: RedisConfig, blocking = false): RedisOptions {
  const parsed = parseRedisUrl(config.url ?? DEFAULT_REDIS_URL);
  const password = config.password ?? process.env['ZISK_REDIS_PASSWORD'] ?? parsed.password;
  const giveUp = config.giveUpMs ?? 10_000;
  let firstFailure = 0;
  return {
    host: parsed.host,
    port: parsed.port,
    db: parsed.db,
    ...(password ? { password } : {}),
    ...(parsed.username ? { username: parsed.username } : {}),
    connectTimeout: Math.min(5000, giveUp),
    maxRetriesPerRequest: blocking ? null : 2,
    // Reconnect with a short backoff until `giveUp` has passed since the first failure, then stop:
    // pending and later commands fail and the process reports it.
    retryStrategy: (times: number) => {
      const now = Date.now();
      if (times === 1) firstFailure = now;
      if (now - firstFailure >= giveUp) return null;
      return Math.min(100 * times, 1000);
    },
    lazyConnect: true,
  };
}

/** A connected client; throws RedisUnavailableError naming the address when it cannot connect. */
export async function connectRedis(config: RedisConfig, blocking = false): Promise<Redis> {
  const client = new Redis(redisOptions(config, blocking));
  // Errors are reported through the failing commands, not as unhandled events; the last one is kept
  // because it says more than "Connection is closed" (e.g. NOAUTH when the password is missing).
  let last: unknown;
  client.on('error', (e) => (last = e));
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    client.disconnect();
    throw unavailable(config, last ?? e);
  }
  return client;
}

/** The error to report for a Redis failure (authentication problems are named as such). */
export function unavailable(config: RedisConfig, cause: unknown): RedisUnavailableError {
  const msg = cause instanceof Error ? cause.message : String(cause);
  if (/NOAUTH|WRONGPASS|invalid password/i.test(msg)) {
    return new RedisUnavailableError(`Redis at ${describeRedis(config)} refused the password (give it in the URL, --redis-password or ZISK_REDIS_PASSWORD): ${msg}`);
  }
  return new RedisUnavailableError(`cannot reach Redis at ${describeRedis(config)}: ${msg}`);
}
