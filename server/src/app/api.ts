import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import express, { type ErrorRequestHandler } from 'express';
import helmet from 'helmet';
import { Server as SocketServer } from 'socket.io';
import { sql } from 'kysely';
import { healthRoutes } from '../health/health.routes';
import { AppError, toAppError } from '../platform/errors';
import { repoRoot } from '../platform/paths';
import type { Platform } from './platform';

export interface Api {
  server: http.Server;
  io: SocketServer;
  /** The port it listens on (useful when configured as 0). */
  port: number;
  close(): Promise<void>;
}

/** Maps body-parser failures and everything else to the one JSON error shape. */
const errorHandler = (log: Platform['log']): ErrorRequestHandler => (err, req, res, _next) => {
  const type = (err as { type?: string }).type;
  const appError =
    type === 'entity.parse.failed' ? new AppError('BAD_REQUEST', 'The request body is not valid JSON.')
    : type === 'entity.too.large' ? new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large.')
    : toAppError(err);
  if (appError.code === 'INTERNAL_ERROR') log.error({ err, url: req.url }, 'request failed');
  res.status(appError.status).json(appError.toBody());
};

/** Builds the HTTP API, the socket.io server and the built client, and listens. */
export async function startApi(platform: Platform): Promise<Api> {
  const { config, log } = platform;
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(express.json({ limit: '1mb' }));
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
  const io = new SocketServer(server, { serveClient: false });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  log.info({ url: `http://localhost:${port}` }, 'API listening');
  return {
    server, io, port,
    async close() {
      io.close();
      await new Promise((r) => server.close(r));
    },
  };
}
