import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { type ErrorRequestHandler } from 'express';
import helmet from 'helmet';
import { sql } from 'kysely';
import { syncCatalog } from '../catalog/catalog.sync';
import { loadAllChallenges } from '../challenges/challenge.loader';
import { healthRoutes } from '../health/health.routes';
import { requestLogger } from '../http/request-log';
import { LivePublisher } from '../live/live.publisher';
import { attachLive, type LiveServer } from '../live/live.socket';
import { AppError, toAppError } from '../platform/errors';
import { repoRoot } from '../platform/paths';
import { SubmissionQueue } from '../submissions/submission.queue';
import { ensureAdmin } from '../users/user.service';
import type { Platform } from './platform';
import { mountApiRoutes } from './routes';

export interface Api {
  server: http.Server;
  io: LiveServer;
  /** The port it listens on (useful when configured as 0). */
  port: number;
  close(): Promise<void>;
}

/** Maps body-parser failures and everything else to the one JSON error shape. */
export const errorHandler = (log: Platform['log']): ErrorRequestHandler => (err, req, res, _next) => {
  const type = (err as { type?: string }).type;
  const appError =
    type === 'entity.parse.failed' ? new AppError('BAD_REQUEST', 'The request body is not valid JSON.')
    : type === 'entity.too.large' ? new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large.')
    : toAppError(err);
  if (appError.code === 'INTERNAL_ERROR') {
    log.error({ err, reqId: req.id, method: req.method }, 'request failed');
    // The request id lets a user quote the failure; nothing internal leaks.
    res.status(500).json(new AppError('INTERNAL_ERROR', appError.message, { requestId: String(req.id) }).toBody());
    return;
  }
  res.status(appError.status).json(appError.toBody());
};

/** At start: the first admin from the environment, and the challenge catalogue from disk. */
async function bootstrap(platform: Platform): Promise<void> {
  const { config, db, log } = platform;
  if (config.admin) await ensureAdmin(db, config.admin, log);
  const { challenges, errors } = loadAllChallenges();
  for (const e of errors) log.error({ file: e.file, err: e.message }, 'challenge not loaded');
  const synced = await syncCatalog(db, challenges, log);
  log.info({ challenges: synced.map((s) => s.slug) }, 'challenge catalogue synced');
}

/** Builds the HTTP API, the socket.io server and the built client, and listens. */
export async function startApi(platform: Platform): Promise<Api> {
  const { config, log } = platform;
  await bootstrap(platform);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxyHops);
  app.use(requestLogger(log));
  app.use(helmet());
  app.use(cookieParser());
  // Room for a maximal solution with JSON escaping; the exact code limit (413) is checked per submission.
  app.use(express.json({ limit: Math.max(1024 * 1024, 3 * config.maxSolutionBytes) }));
  app.use(
    healthRoutes({
      database: async () => {
        const { rows } = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(platform.db);
        return `postgres ${rows[0]?.v ?? '?'}`;
      },
      queue: async () => `redis ${await platform.redis.ping()}`,
      docker: async () => `docker engine ${(await platform.docker.version()).Version}`,
    }),
  );
  const queue = new SubmissionQueue(platform.redisUrl, config.jobs);
  const live = new LivePublisher(platform.redis, log, platform.db);
  mountApiRoutes(app, platform, { queue, live });
  app.use('/api', (_req, _res, next) => next(new AppError('NOT_FOUND', 'No such endpoint.')));

  const clientDir = path.join(repoRoot(), 'client', 'dist');
  if (fs.existsSync(path.join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    // The client routes in the browser: every other GET gets the app shell.
    app.get(/^(?!\/api\/|\/socket\.io\/).*/, (_req, res) => res.sendFile(path.join(clientDir, 'index.html')));
  } else {
    log.warn({ clientDir }, 'client is not built (npm run build): serving the API only');
  }
  app.use((_req, _res, next) => next(new AppError('NOT_FOUND', 'Not found.')));
  app.use(errorHandler(log));

  const server = http.createServer(app);
  const { io, close: closeLive } = attachLive(server, { db: platform.db, redisUrl: platform.redisUrl, log: live.log, logger: log });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  log.info({ url: `http://localhost:${port}` }, 'API listening');
  return {
    server, io, port,
    async close() {
      await closeLive();
      await new Promise((r) => server.close(r));
      await queue.close();
    },
  };
}
