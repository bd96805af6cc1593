import type Dockerode from 'dockerode';
import { runInSandbox } from '../src/sandbox/sandbox.runner';
import { containersLabelled, getTestSandbox, makeCodeDir } from './support/sandbox';

const MiB = 1024 * 1024;
let docker: Dockerode;
let image: string;

beforeAll(async () => {
  ({ docker, image } = await getTestSandbox());
});

const SERVER = `
require('http').createServer((req, res) => res.end('hello from the candidate ' + req.url)).listen(8080, '127.0.0.1');
`;

/** A trivial sidecar: waits for the candidate's server on the shared loopback, fetches once, prints the body. */
const FETCH_ONCE = `
(async () => {
  for (let i = 0; i < 100; i++) {
    try { const r = await fetch('http://127.0.0.1:8080/ping'); console.log(await r.text()); return; }
    catch { await new Promise((r) => setTimeout(r, 50)); }
  }
  process.exit(2);
})();
`;

describe('sidecar', () => {
  it('reaches the candidate on loopback, and its exit stops the candidate', async () => {
    const tag = `sidecar-${Date.now()}`;
    const result = await runInSandbox(docker, image, {
      codeDir: makeCodeDir({ 'server.js': SERVER }),
      command: ['node', 'server.js'],
      limits: { wallTimeMs: 8000, memoryBytes: 128 * MiB },
      sidecar: { command: ['node', '-e', FETCH_ONCE] },
      labels: { 'assay.test': tag },
    });
    expect(result.outcome).toBe('STOPPED');
    expect(result.sidecar).toMatchObject({ exitCode: 0, stdout: { text: 'hello from the candidate /ping\n' } });
    expect(result.measurements.wallMs).toBeLessThan(8000);
    expect(await containersLabelled(docker, `assay.test=${tag}`)).toEqual([]);
  });

  it('keeps the candidate own outcome when it dies before the sidecar finishes', async () => {
    const result = await runInSandbox(docker, image, {
      codeDir: makeCodeDir({ 'main.js': 'setTimeout(() => { console.error("boom"); process.exit(4); }, 1000)' }),
      command: ['node', 'main.js'],
      limits: { wallTimeMs: 5000, memoryBytes: 128 * MiB },
      sidecar: { command: ['node', '-e', 'console.log("started"); setTimeout(() => {}, 60000)'], wallTimeMs: 4000 },
    });
    expect(result).toMatchObject({ outcome: 'EXITED', exitCode: 4 });
    expect(result.sidecar).toMatchObject({ exitCode: 137, stdout: { text: 'started\n' } }); // killed once the candidate was gone
  });

  it('keeps the candidate own outcome when it is gone before the sidecar can join it', async () => {
    const result = await runInSandbox(docker, image, {
      codeDir: makeCodeDir({ 'main.js': 'process.exit(5)' }),
      command: ['node', 'main.js'],
      limits: { wallTimeMs: 5000, memoryBytes: 128 * MiB },
      sidecar: { command: ['node', '-e', 'setTimeout(() => {}, 60000)'], wallTimeMs: 4000 },
    });
    expect(result).toMatchObject({ outcome: 'EXITED', exitCode: 5 });
    expect(result.internalError).toBeUndefined();
  });

  it('gives the sidecar its own mounts the candidate cannot see, and no way out', async () => {
    const harness = makeCodeDir({ 'secret.txt': 'expected answers' });
    const result = await runInSandbox(docker, image, {
      codeDir: makeCodeDir({ 'main.js': SERVER + `setTimeout(() => { console.log(require('fs').existsSync('/harness')) }, 100)` }),
      command: ['node', 'main.js'],
      limits: { wallTimeMs: 8000, memoryBytes: 128 * MiB },
      sidecar: {
        command: [
          'node',
          '-e',
          `setTimeout(async () => {
             console.log(require('fs').readFileSync('/harness/secret.txt', 'utf8'));
             try { await fetch('http://1.1.1.1/', { signal: AbortSignal.timeout(1000) }); console.log('online'); }
             catch (e) { console.log('offline'); }
           }, 300)`,
        ],
        mounts: [{ hostPath: harness, containerPath: '/harness' }],
      },
    });
    expect(result.outcome).toBe('STOPPED');
    expect(result.stdout.text).toBe('false\n');
    expect(result.sidecar?.stdout.text).toBe('expected answers\noffline\n');
  });
});
