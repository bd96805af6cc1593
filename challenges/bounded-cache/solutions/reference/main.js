'use strict';
/**
 * Reference solution: an LRU of at most 500 profiles (a Map keeps insertion
 * order: a hit moves the entry to the end, the first entry is the least
 * recently used) holding the raw bytes, plus request coalescing: concurrent
 * misses for one id share a single upstream call.
 */
const http = require('node:http');

const UPSTREAM = process.env.UPSTREAM_URL || 'http://127.0.0.1:4000';
const MAX_ENTRIES = 500;

class LruCache {
  constructor(max) {
    this.max = max;
    this.map = new Map();
  }
  get(key) {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }
  set(key, value) {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value);
  }
}

const cache = new LruCache(MAX_ENTRIES);
const inFlight = new Map(); // id -> Promise of {status, body}

async function fetchProfile(id) {
  const res = await fetch(`${UPSTREAM}/profile/${id}`);
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status === 200) cache.set(id, body);
  return { status: res.status, body };
}

function loadProfile(id) {
  const cached = cache.get(id);
  if (cached) return Promise.resolve({ status: 200, body: cached });
  let pending = inFlight.get(id);
  if (!pending) {
    pending = fetchProfile(id).finally(() => inFlight.delete(id));
    inFlight.set(id, pending);
  }
  return pending;
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
