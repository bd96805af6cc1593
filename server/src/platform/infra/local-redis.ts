import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../logger';
import { livePidFromFile, stopStaleProcess, waitFor } from './process-utils';

export interface LocalService {
  url: string;
  stop(): Promise<void>;
}

/** Answers true when a Redis on this port replies +PONG to PING. */
export function pingRedis(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => done(chunk.toString().startsWith('+PONG')));
  });
}

/**
 * Runs a redis-server (Debian's package) for single-machine installs, bound to
 * loopback with its append-only file under `dataDir/redis`, so queued jobs
 * survive a restart. `noeviction` because BullMQ must never lose keys.
 */
export async function startLocalRedis(opts: { dataDir: string; port: number; log: Logger }): Promise<LocalService> {
  const dir = path.join(opts.dataDir, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error('redis-server is not installed: run `apt-get install -y redis-server`, or set REDIS_URL to an existing Redis');
  }
  const pidFile = path.join(dir, 'redis.pid');
  const stale = livePidFromFile(pidFile);
  if (stale) {
    opts.log.warn({ pid: stale }, 'stopping a redis-server left running by an earlier Assay process');
    await stopStaleProcess(stale, 'SIGTERM');
  }
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(opts.port), '--bind', '127.0.0.1', '--dir', dir, '--pidfile', pidFile, '--daemonize', 'no',
      '--databases', '64', '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction', '--logfile', path.join(dir, 'redis.log')],
    { stdio: 'ignore' },
  );
  let exited = false;
  child.on('exit', () => (exited = true));
  await waitFor(async () => {
    if (exited) throw new Error('redis-server exited at start');
    return pingRedis(opts.port);
  }, 15_000, `redis-server did not answer on port ${opts.port} within 15 s (see ${path.join(dir, 'redis.log')})`);
  opts.log.info({ port: opts.port, dir }, 'local redis-server started');
  return {
    url: `redis://127.0.0.1:${opts.port}`,
    async stop() {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    },
  };
}
