'use strict';
/**
 * bounded-cache driver (sidecar): plays the slow profile service and sends a
 * seeded stream of requests (a hot set most of the time, a long tail of ids
 * seen once otherwise), `concurrency` at a time. Every body is checked; the
 * upstream calls are compared with what an LRU of the allowed size would make
 * on the same stream.
 */
const http = require('node:http');
const kit = require(process.env.ASSAY_DRIVER_KIT);
const { startProfiles, profileBody } = require(`${process.env.ASSAY_TESTS_DIR}/profiles.js`);

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Upstream calls an LRU cache of `size` entries makes on `ids`. */
function lruMisses(ids, size) {
  const lru = new Map();
  let misses = 0;
  for (const id of ids) {
    if (lru.has(id)) lru.delete(id);
    else {
      misses++;
      if (lru.size >= size) lru.delete(lru.keys().next().value);
    }
    lru.set(id, true);
  }
  return misses;
}

kit.run(async (o) => {
  const upstream = await startProfiles(o.upstreamPort, { latencyMs: o.upstreamLatencyMs });
  const ready = await kit.waitReady(o.port, { timeoutMs: o.readyTimeoutMs });
  if (!ready.ready) return { status: 'not-ready', detail: ready.detail };
  const checks = [];
  const missing = await kit.request(o.port, { path: '/profile/99999999' });
  checks.push(kit.check('404 for a profile the service does not have', missing.status === 404, kit.describe(missing)));

  const random = prng(o.seed);
  const ids = Array.from({ length: o.requests }, () => (random() < o.hotShare ? 1 + Math.floor(random() * o.hotSet) : 100_000 + Math.floor(random() * 5_000_000)));
  const before = upstream.stats.calls;
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
  let next = 0;
  let wrong = 0;
  let firstWrong = null;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      const r = await kit.request(o.port, { path: `/profile/${id}`, agent, timeoutMs: 10_000 });
      if (r.status !== 200 || r.body !== profileBody(id)) {
        wrong++;
        firstWrong ??= `profile ${id}: ${r.status === 200 ? 'a different body' : kit.describe(r)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  agent.destroy();
  const calls = upstream.stats.calls - before;
  const lru = lruMisses(ids, o.maxEntries);
  checks.push(kit.check(`every one of ${ids.length} profiles is the service's`, wrong === 0, `${wrong} wrong; first: ${firstWrong}`));
  return {
    status: 'ok',
    checks,
    metrics: { upstreamCalls: calls, lruCalls: lru, cacheEfficiency: calls / lru, hitRate: 1 - calls / ids.length },
  };
});
