'use strict';
/**
 * Mid-level: the cache is bounded (at most 500 profiles), so memory no longer
 * grows with traffic. But the bound is kept the simplest way, emptying the
 * whole cache when it is full, so every popular profile is fetched again
 * after each flush; and concurrent misses for the same profile each call the
 * slow service (no coalescing). Correct and lean, with noticeably more
 * upstream calls than an LRU that coalesces.
 */
const http = require('node:http');

const UPSTREAM = process.env.UPSTREAM_URL || 'http://127.0.0.1:4000';
const MAX_ENTRIES = 500;
const cache = new Map();

async function loadProfile(id) {
  const cached = cache.get(id);
  if (cached !== undefined) return { status: 200, body: cached };
  const res = await fetch(`${UPSTREAM}/profile/${id}`);
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status === 200) {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(id, body);
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
