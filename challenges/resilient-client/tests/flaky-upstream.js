'use strict';
/**
 * The simulated price service behind resilient-client, used by these visible
 * tests and by the hidden driver (which mounts this folder).
 *
 * GET /price/:SYMBOL → 200 {"symbol", "price"}; unknown symbols (starting
 * with Z) → 404. Its `mode` decides how each call goes:
 *   healthy  answers after 2–10 ms
 *   flaky    like healthy, but a share `failRate` of calls fail: 503, a reset
 *            connection, or no answer at all (in turns, seeded)
 *   down     every call fails with 503
 *   hang     every call gets no answer (the socket is dropped after 10 s)
 */
const http = require('node:http');

/** The price the service quotes for a symbol (fixed, so answers can be checked). */
function priceOf(symbol) {
  let h = 7;
  for (const c of symbol) h = (h * 31 + c.charCodeAt(0)) % 100_000;
  return Math.round(1000 + h) / 100;
}

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function startUpstream(port, { seed = 1, failRate = 0.3 } = {}) {
  const random = prng(seed);
  const state = { mode: 'healthy', failRate, calls: [], hanging: new Set() };
  let failures = 0;
  const server = http.createServer((req, res) => {
    const m = /^\/price\/([A-Z]{1,5})$/.exec(req.url);
    const symbol = m ? m[1] : null;
    state.calls.push({ at: performance.now(), symbol });
    const hang = () => {
      state.hanging.add(req.socket);
      setTimeout(() => req.socket.destroy(), 10_000).unref();
    };
    if (state.mode === 'hang') return hang();
    if (state.mode === 'down') return res.writeHead(503).end('{"error":"unavailable"}');
    if (state.mode === 'flaky' && random() < state.failRate) {
      const how = failures++ % 3;
      if (how === 0) return res.writeHead(503).end('{"error":"unavailable"}');
      if (how === 1) return req.socket.destroy();
      return hang();
    }
    setTimeout(() => {
      if (!symbol || symbol.startsWith('Z')) return res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"unknown symbol"}');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ symbol, price: priceOf(symbol) }));
    }, 2 + Math.floor(random() * 9));
  });
  server.keepAliveTimeout = 30_000;
  const close = () => {
    for (const s of state.hanging) s.destroy();
    server.closeAllConnections();
    server.close();
  };
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, state, close, port: server.address().port })));
}

module.exports = { startUpstream, priceOf };
