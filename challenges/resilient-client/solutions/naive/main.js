'use strict';
/**
 * Run as: node main.js   (listens on process.env.PORT; the price service is at process.env.UPSTREAM_URL)
 *
 * GET /health         → 200
 * GET /quote/:SYMBOL  → the price service's {"symbol", "price"}
 *
 * Naive solution (the starter as given): one attempt, no timeout, no
 * breaker. Every upstream failure reaches the caller, a hung call hangs the
 * caller, and a dead service keeps being called at full rate.
 */
const http = require('node:http');

const UPSTREAM = process.env.UPSTREAM_URL || 'http://127.0.0.1:4000';

const server = http.createServer(async (req, res) => {
  if (req.url === '/health') return res.end('ok');
  const m = /^\/quote\/([A-Z]{1,5})$/.exec(req.url);
  if (!m) return res.writeHead(404).end();
  try {
    const upstream = await fetch(`${UPSTREAM}/price/${m[1]}`);
    res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text());
  } catch {
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"price service unavailable"}');
  }
});

server.listen(Number(process.env.PORT) || 3000);
