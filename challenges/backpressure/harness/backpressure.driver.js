'use strict';
/**
 * backpressure driver (sidecar): downloads GET /export.csv twice. First as a
 * slow client (reading at `slowBytesPerSec` for `slowMs`, then at full speed):
 * a server that ignores backpressure buffers the export in memory meanwhile.
 * Then at full speed, timed. Both bodies are hashed and compared with the
 * expected export.
 */
const crypto = require('node:crypto');
const http = require('node:http');
const kit = require(process.env.ASSAY_DRIVER_KIT);

function download(port, { slowBytesPerSec = 0, slowMs = 0, timeoutMs }) {
  return new Promise((resolve) => {
    const started = performance.now();
    const hash = crypto.createHash('sha256');
    let bytes = 0;
    let settled = false;
    const finish = (r) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, bytes, sha256: hash.digest('hex'), ms: performance.now() - started });
    };
    const req = http.get({ host: '127.0.0.1', port, path: '/export.csv', agent: false }, (res) => {
      res.on('data', (chunk) => {
        hash.update(chunk);
        bytes += chunk.length;
        const elapsed = performance.now() - started;
        if (elapsed < slowMs) {
          const ahead = bytes - (slowBytesPerSec * elapsed) / 1000;
          if (ahead > 0) {
            res.pause();
            setTimeout(() => res.resume(), Math.min(slowMs - elapsed, (ahead / slowBytesPerSec) * 1000));
          }
        }
      });
      res.on('end', () => finish({ status: res.statusCode, contentType: String(res.headers['content-type'] || '') }));
      res.on('error', (err) => finish({ error: err.message }));
      res.on('close', () => finish({ status: res.statusCode, error: 'connection closed before the end' }));
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish({ error: `not finished within ${timeoutMs} ms` });
    }, timeoutMs);
    req.on('error', (err) => finish({ error: `${err.code || ''} ${err.message}` }));
  });
}

kit.run(async (o) => {
  const ready = await kit.waitReady(o.port, { timeoutMs: o.readyTimeoutMs });
  if (!ready.ready) return { status: 'not-ready', detail: ready.detail };
  const right = (d) => !d.error && d.status === 200 && d.sha256 === o.csvSha256 && d.bytes === o.csvBytes;
  const what = (d) => d.error ? `${d.error} after ${d.bytes} bytes` : d.status !== 200 ? `answered ${d.status}` : `${d.bytes} bytes (expected ${o.csvBytes}), ${d.bytes === o.csvBytes ? 'different content' : 'different length'}`;

  const slow = await download(o.port, { slowBytesPerSec: o.slowBytesPerSec, slowMs: o.slowMs, timeoutMs: o.timeoutMs });
  const fast = await download(o.port, { timeoutMs: o.timeoutMs });
  const checks = [
    kit.check('Content-Type is text/csv', /^text\/csv\b/.test(fast.contentType || ''), `content-type: ${JSON.stringify(fast.contentType)}`),
    kit.check('the export is right for a slow client', right(slow), what(slow)),
    kit.check('the export is right for a fast client', right(fast), what(fast)),
  ];
  return { status: 'ok', checks, metrics: { exportBytesPerSec: right(fast) ? fast.bytes / (fast.ms / 1000) : null } };
});
