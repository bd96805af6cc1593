'use strict';
/**
 * Run as: node main.js   (listens on process.env.PORT)
 *
 * GET /health       → 200 "ok"
 * GET /work?ms=N    → waits N ms (0–10000, the "work"), then 200 "done N"
 *
 * TODO: on SIGTERM, stop accepting connections, finish the requests in
 * flight, then exit with code 0. See prompt.md.
 */
const http = require('node:http');

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/health') return res.end('ok');
  if (url.pathname === '/work') {
    const ms = Number(url.searchParams.get('ms'));
    if (!Number.isInteger(ms) || ms < 0 || ms > 10_000) return res.writeHead(400).end('ms must be 0-10000');
    setTimeout(() => res.end(`done ${ms}`), ms);
    return;
  }
  res.writeHead(404).end();
});

server.listen(Number(process.env.PORT) || 3000);
