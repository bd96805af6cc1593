'use strict';
/**
 * Run as: node main.js   (listens on process.env.PORT; profiles at process.env.UPSTREAM_URL)
 *
 * GET /health       → 200
 * GET /profile/:id  → the profile service's answer for that id (cached: it is slow)
 *
 * In production this process is OOM-killed every few hours. Why? See prompt.md.
 */
const http = require('node:http');

const UPSTREAM = process.env.UPSTREAM_URL || 'http://127.0.0.1:4000';
const cache = new Map(); // id -> profile JSON text

async function loadProfile(id) {
  if (cache.has(id)) return { status: 200, body: cache.get(id) };
  const res = await fetch(`${UPSTREAM}/profile/${id}`);
  const body = await res.text();
  if (res.status === 200) cache.set(id, body);
  return { status: res.status, body };
}

const server = http.createServer(async (req, res) => {
  if (req.url === '/health') return res.end('ok');
  const m = /^\/profile\/(\d+)$/.exec(req.url);
  if (!m) return res.writeHead(404).end();
  try {
    const { status, body } = await loadProfile(m[1]);
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  } catch {
    res.writeHead(502).end();
  }
});

server.listen(Number(process.env.PORT) || 3000);
