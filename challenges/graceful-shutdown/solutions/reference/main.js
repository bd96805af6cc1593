'use strict';
/**
 * Reference solution. On SIGTERM:
 *  - server.close() stops listening (new connections are refused) and calls
 *    back once every connection has ended;
 *  - idle keep-alive connections are closed now, and busy ones are told
 *    "Connection: close" so they end after their response;
 *  - the process then exits with code 0 by itself; a deadline forces it out
 *    if a client holds a connection open for too long.
 */
const http = require('node:http');

const SHUTDOWN_DEADLINE_MS = 10_000;
let shuttingDown = false;

const server = http.createServer((req, res) => {
  if (shuttingDown) res.setHeader('connection', 'close');
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/health') return res.end('ok');
  if (url.pathname === '/work') {
    const ms = Number(url.searchParams.get('ms'));
    if (!Number.isInteger(ms) || ms < 0 || ms > 10_000) return res.writeHead(400).end('ms must be 0-10000');
    setTimeout(() => {
      if (shuttingDown) res.setHeader('connection', 'close');
      res.end(`done ${ms}`);
    }, ms);
    return;
  }
  res.writeHead(404).end();
});

function shutdown(signal) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.error(`${signal}: draining`);
  server.close((err) => process.exit(err ? 1 : 0));
  server.closeIdleConnections();
  setTimeout(() => {
    console.error('shutdown deadline passed: closing the remaining connections');
    server.closeAllConnections();
  }, SHUTDOWN_DEADLINE_MS).unref();
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

server.listen(Number(process.env.PORT) || 3000);
