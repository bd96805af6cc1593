import fs from 'node:fs';
import { LoadgenOptionsError, normalizeOptions } from './loadgen.js';
import { LoadgenReportError, parseLoadgenReport } from './loadgen.report';
import { buildLoadgenSidecar, LOADGEN_CONTAINER_PATH, loadgenHostPath } from './loadgen.sidecar';

const probe = { rps: 100, durationMs: 2_000 };

describe('normalizeOptions', () => {
  it('fills in the documented defaults', () => {
    const resolved = normalizeOptions({ target: { port: 3000 }, probe });
    expect(resolved).toEqual({
      target: { host: '127.0.0.1', port: 3000 },
      readiness: { path: '/health', timeoutMs: 10_000, intervalMs: 50 },
      probe: { method: 'GET', path: '/health', headers: {}, body: null, rps: 100, durationMs: 2_000, warmupMs: 1_000, timeoutMs: 2_000, maxConnections: 64, spinMs: 2 },
      background: null,
      validity: { maxDistortionMs: 1, maxDistortionShare: 0.1, maxSendLagMs: 50 },
    });
  });

  it('encodes object bodies as JSON with a JSON content type, strings as given', () => {
    const resolved = normalizeOptions({ target: { port: 1 }, probe, background: { concurrency: 2, path: '/hash', bodies: [{ a: 1 }, 'raw'] } });
    expect(resolved.background).toMatchObject({ method: 'POST', bodies: ['{"a":1}', 'raw'], headers: { 'content-type': 'application/json' } });
  });

  it.each([
    [{ probe }, 'loadgen option target is required'],
    [{ target: { port: 1 }, probe: { ...probe, rps: 0 } }, 'loadgen option probe.rps must be from 0.1 to 100000 (got 0)'],
    [{ target: { port: 1.5 }, probe }, 'loadgen option target.port must be a whole number'],
    [{ target: { port: 1 }, probe: { ...probe, path: 'health' } }, 'loadgen option probe.path must be a string matching /^\\//'],
    [{ target: { port: 1 }, probe, background: { concurrency: 1, path: '/x', bodies: [] } }, 'loadgen option background.bodies must be a non-empty array'],
    [{ target: { port: 1 }, probe: { ...probe, headers: { a: 1 } } }, 'loadgen option probe.headers.a must be a string'],
  ])('rejects %j with a clear message', (raw, message) => {
    expect(() => normalizeOptions(raw)).toThrow(new LoadgenOptionsError(message));
  });
});

describe('buildLoadgenSidecar', () => {
  it('mounts the generator and passes the resolved options in the environment', () => {
    const spec = buildLoadgenSidecar({ target: { port: 8080 }, probe, readiness: { timeoutMs: 3_000 } });
    expect(fs.existsSync(loadgenHostPath())).toBe(true);
    expect(spec.command).toEqual(['node', LOADGEN_CONTAINER_PATH]);
    expect(spec.mounts).toEqual([{ hostPath: loadgenHostPath(), containerPath: LOADGEN_CONTAINER_PATH }]);
    expect(JSON.parse(spec.env!.ASSAY_LOADGEN_OPTIONS!)).toEqual(normalizeOptions({ target: { port: 8080 }, probe, readiness: { timeoutMs: 3_000 } }));
    // readiness 3 s + warm-up 1 s + window 2 s + drain 2 s + slack 5 s
    expect(spec.wallTimeMs).toBe(13_000);
  });

  it('mounts a host checker file and points the generator at its container path', () => {
    const spec = buildLoadgenSidecar({
      target: { port: 8080 },
      probe,
      background: { concurrency: 4, path: '/hash', checkerHostPath: '/srv/checks/hash.js' },
    });
    expect(spec.mounts).toContainEqual({ hostPath: '/srv/checks/hash.js', containerPath: '/opt/assay-loadgen/checker.js' });
    expect(JSON.parse(spec.env!.ASSAY_LOADGEN_OPTIONS!).background.checkerPath).toBe('/opt/assay-loadgen/checker.js');
  });

  it('fails on the host for bad options', () => {
    expect(() => buildLoadgenSidecar({ target: { port: 70_000 }, probe })).toThrow(LoadgenOptionsError);
  });
});

describe('parseLoadgenReport', () => {
  it('reads the last line and validates it', () => {
    const report = parseLoadgenReport('stray log\n{"status":"not-ready","readyTimeoutMs":300,"lastError":"x"}\n');
    expect(report).toEqual({ status: 'not-ready', readyTimeoutMs: 300, lastError: 'x' });
  });

  it.each([
    ['', 'the load generator printed no report'],
    ['Segmentation fault', "the load generator's report is not JSON: Segmentation fault"],
    ['{"status":"ok","valid":true}', 'malformed load generator report at invalidReasons'],
  ])('rejects %j as a platform fault', (stdout, message) => {
    expect(() => parseLoadgenReport(stdout)).toThrow(LoadgenReportError);
    expect(() => parseLoadgenReport(stdout)).toThrow(message);
  });
});
