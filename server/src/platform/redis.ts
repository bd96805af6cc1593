import { Redis } from 'ioredis';

/** Options of a Redis connection. */
export interface RedisOptions {
  /**
   * For BullMQ workers and blocking connections: commands wait for a
   * reconnect instead of failing (BullMQ requires `maxRetriesPerRequest: null`).
   * @defaultValue false
   */
  blocking?: boolean;
}

export function createRedis(url: string, opts: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: opts.blocking ? null : 2,
    enableOfflineQueue: opts.blocking ?? false,
    lazyConnect: false,
  });
}
