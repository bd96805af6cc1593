'use strict';
/**
 * Naive solution: the usual first "fix", a time-to-live. Entries leave the
 * cache 10 minutes after they arrive, so memory is bounded by the traffic of
 * the last 10 minutes, not by any size: a busy stretch still exhausts it.
 */
const http = require('node:http');

const UPSTREAM = process.env.UPSTREAM_URL || 'http://127.0.0.1:4000';
const TTL_MS = 10 * 60 * 1000;
const cache = new Map();

async function loadProfile(id) {
  if (cache.has(id)) return { status: 200, body: cache.get(id) };
  const res = await fetch(`${UPSTREAM}/profile/${id}`);
  const body = await res.text();
  if (res.status === 200) {
    cache.set(id, body);
    setTimeout(() => cache.delete(id), TTL_MS).unref();
  }
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
