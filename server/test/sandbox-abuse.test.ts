import os from 'node:os';
import type Dockerode from 'dockerode';
import { repoRoot } from '../src/platform/paths';
import { DEFAULT_SANDBOX_LIMITS } from '../src/sandbox/sandbox.limits';
import { runInSandbox } from '../src/sandbox/sandbox.runner';
import type { SandboxLimits, SandboxRunResult } from '../src/sandbox/sandbox.types';
import { containersLabelled, getTestSandbox, makeCodeDir } from './support/sandbox';

/**
 * Hostile programs against the real engine. Each must end with the right
 * outcome within its limits, harm nothing outside its container, and leave no
 * container behind.
 */
const MiB = 1024 * 1024;
const SMALL: Partial<SandboxLimits> = { wallTimeMs: 4000, memoryBytes: 128 * MiB, pids: 32, tmpfsBytes: 8 * MiB, nofile: 256 };
let docker: Dockerode;
let image: string;

beforeAll(async () => {
  ({ docker, image } = await getTestSandbox());
});

async function abuse(source: string, limits: Partial<SandboxLimits> = {}, configured?: SandboxLimits): Promise<SandboxRunResult> {
  const wanted = { ...SMALL, ...limits };
  const result = await runInSandbox(docker, image, { codeDir: makeCodeDir({ 'main.js': source }), command: ['node', 'main.js'], limits: wanted }, configured);
  expect(result.internalError).toBeUndefined();
  expect(result.runId).toBeDefined();
  expect(await containersLabelled(docker, `assay.run=${result.runId}`)).toEqual([]);
  // Ended inside its limit: engine-measured lifetime, with slack for the kill itself.
  expect(result.measurements.wallMs).toBeLessThan(wanted.wallTimeMs! + 1500);
  return result;
}

function json(result: SandboxRunResult): Record<string, unknown> {
  return JSON.parse(result.stdout.text) as Record<string, unknown>;
}

describe('sandbox abuse battery', () => {
  it('contains a fork bomb (pids limit) until the time limit', async () => {
    const result = await abuse(
      `const { spawn } = require('child_process');
       function bomb() {
         try { const c = spawn(process.execPath, [__filename], { stdio: 'ignore' }); c.on('error', () => setTimeout(bomb, 5)); c.on('exit', bomb); }
         catch { setTimeout(bomb, 5); }
       }
       for (let i = 0; i < 4; i++) bomb();
       setInterval(() => {}, 1000);`,
      { pids: 24, memoryBytes: 512 * MiB },
      { ...DEFAULT_SANDBOX_LIMITS, memoryBytes: 512 * MiB },
    );
    expect(result.outcome).toBe('TIME_LIMIT');
    expect(result.signal).toBe('SIGKILL');
  });

  it('stops a memory bomb at the memory limit', async () => {
    const result = await abuse('const hoard = []; for (;;) hoard.push(Buffer.alloc(16 << 20, 1));');
    expect(result.outcome).toBe('MEMORY_LIMIT');
    expect(result.measurements.peakRssBytes).toBeGreaterThanOrEqual(128 * MiB);
  });

  it('kills an endless loop at the wall-clock limit', async () => {
    const result = await abuse('for (;;) {}', { wallTimeMs: 2000 });
    expect(result).toMatchObject({ outcome: 'TIME_LIMIT', exitCode: null, signal: 'SIGKILL' });
    expect(result.measurements.wallMs).toBeGreaterThanOrEqual(2000);
    // Killed before its probe could report: CPU comes from the cgroup, host side.
    expect(result.measurements.cpuMethod).toMatch(/cgroup/);
    expect(result.measurements.cpuMs).toBeGreaterThan(0);
  });

  it('kills a program writing gigabytes, keeping the head of its output', async () => {
    // A fast writer that honours backpressure.
    const out = await abuse(
      "const b = Buffer.alloc(1 << 16, 'a'); (function more() { while (process.stdout.write(b)); process.stdout.once('drain', more); })();",
      { outputBytes: 256 * 1024 },
    );
    expect(out.outcome).toBe('OUTPUT_LIMIT');
    expect(out.stdout.text).toBe('a'.repeat(256 * 1024));
    expect(out.stdout.truncated).toBe(true);
    expect(out.stdout.bytes).toBeGreaterThan(256 * 1024);
    // Blocking writes straight to fd 2.
    const err = await abuse("const fs = require('fs'); for (;;) fs.writeSync(2, 'x'.repeat(1000));", { outputBytes: 64 * 1024 });
    expect(err.outcome).toBe('OUTPUT_LIMIT');
    expect(err.stderr.text.length).toBe(64 * 1024);
  });

  it.each([
    ['64 KiB buffers', "const b = Buffer.alloc(1 << 16, 'a'); for (;;) process.stdout.write(b);"],
    ['short strings', "for (;;) process.stdout.write('a'.repeat(100));"],
    ['1 MiB buffers', "const b = Buffer.alloc(1 << 20, 'a'); for (;;) process.stdout.write(b);"],
  ])('ends a tight write loop that never waits for drain (%s) as OUTPUT_LIMIT, head kept, memory flat', async (_shape, source) => {
    // Node used to queue these writes in the process (a full pipe) until MEMORY_LIMIT
    // (or TIME_LIMIT): the probe makes stdout/stderr block on a full pipe instead.
    const out = await abuse(source); // the default 1 MiB cap per stream
    expect(out.outcome).toBe('OUTPUT_LIMIT');
    expect(out.stdout.text).toBe('a'.repeat(DEFAULT_SANDBOX_LIMITS.outputBytes));
    expect(out.stdout.truncated).toBe(true);
    expect(out.measurements.peakRssBytes).toBeLessThan(100 * MiB); // the limit is 128 MiB
  });

  it('ends a tight console.error loop as OUTPUT_LIMIT with the first lines kept', async () => {
    const logged = await abuse("for (let i = 0; ; i++) console.error('line ' + i);", { outputBytes: 64 * 1024 });
    expect(logged.outcome).toBe('OUTPUT_LIMIT');
    expect(logged.stderr.text.startsWith('line 0\nline 1\nline 2\n')).toBe(true);
    expect(logged.stderr.text.length).toBe(64 * 1024);
  });

  it('kills a program that ignores SIGTERM', async () => {
    const result = await abuse(
      "process.on('SIGTERM', () => console.log('ignored')); process.kill(process.pid, 'SIGTERM'); setInterval(() => {}, 1000);",
      { wallTimeMs: 1500 },
    );
    expect(result.outcome).toBe('TIME_LIMIT');
    expect(result.stdout.text).toBe('ignored\n');
  });

  it('does not wait for a detached child left running', async () => {
    const result = await abuse(
      `const { spawn } = require('child_process');
       const child = spawn(process.execPath, ['-e', 'setInterval(() => console.log("still here"), 100)'], { detached: true, stdio: 'inherit' });
       child.unref();
       setTimeout(() => { console.log('parent done'); process.exit(0); }, 300);`,
    );
    expect(result).toMatchObject({ outcome: 'EXITED', exitCode: 0 });
    expect(result.stdout.text).toMatch(/still here\n.*parent done\n/s);
    expect(result.measurements.wallMs).toBeLessThan(3000);
  });

  it('has no writable place but a size-capped /tmp', async () => {
    const result = await abuse(
      `const fs = require('fs');
       const chunk = Buffer.alloc(1 << 20, 1);
       const out = {};
       for (const dir of ['/tmp', '/app', '/', '/run/assay', '/opt/assay', '/dev/shm', '/dev/mqueue', '/dev', '/var/tmp', '/etc', '/usr/local/bin', '/home']) {
         let written = 0;
         try {
           const fd = fs.openSync(dir.replace(/\\/$/, '') + '/fill', 'w');
           try { while (written < (64 << 20)) { fs.writeSync(fd, chunk); written += chunk.length; } } finally { fs.closeSync(fd); }
           out[dir] = 'unbounded';
         } catch (e) { out[dir] = e.code + ':' + written; }
       }
       console.log(JSON.stringify(out));`,
    );
    expect(result.outcome).toBe('EXITED');
    const out = json(result);
    expect(out['/tmp']).toMatch(/^ENOSPC:\d+$/);
    expect(Number(String(out['/tmp']).split(':')[1])).toBeLessThanOrEqual(8 * MiB);
    for (const [dir, what] of Object.entries(out)) {
      if (dir !== '/tmp') expect(`${dir} ${what}`).toMatch(/ (EROFS|EACCES|ENOENT|EPERM|EINVAL):0$/);
    }
  });

  it('caps open file descriptors', async () => {
    const result = await abuse(
      "const fs = require('fs'); let n = 0; try { for (;;) { fs.openSync('/app/main.js', 'r'); n++; } } catch (e) { console.log(e.code, n); }",
    );
    expect(result.outcome).toBe('EXITED');
    const [code, count] = result.stdout.text.trim().split(' ');
    expect(code).toBe('EMFILE');
    expect(Number(count)).toBeLessThan(256);
  });

  it('has no network: no DNS, no route to a raw IP, only loopback (which works, by name too)', async () => {
    const result = await abuse(
      `const dns = require('dns'), net = require('net'), os = require('os');
       const out = { interfaces: Object.keys(os.networkInterfaces()) };
       const tcp = (host, port) => new Promise((resolve) => {
         const s = net.connect({ host, port });
         s.setTimeout(1500, () => { s.destroy(); resolve('timeout'); });
         s.on('connect', () => { s.destroy(); resolve('connected'); });
         s.on('error', (e) => resolve(e.code));
       });
       dns.lookup('registry.npmjs.org', async (err, addr) => {
         out.dns = err ? err.code : addr;
         out.rawIp = await tcp('1.1.1.1', 80);
         out.dockerBridge = await tcp('172.17.0.1', 2375);
         const own = net.createServer((s) => s.end('ok')).listen(0, '127.0.0.1', () => {
           const c = net.connect(own.address().port, 'localhost');
           c.on('data', (d) => { out.loopback = String(d); own.close(); console.log(JSON.stringify(out)); });
           c.on('error', (e) => { out.loopback = e.code; own.close(); console.log(JSON.stringify(out)); });
         });
       });`,
    );
    expect(result.outcome).toBe('EXITED');
    const out = json(result);
    expect(out.interfaces).toEqual(['lo']);
    expect(out.dns).toMatch(/^(EAI_AGAIN|ENOTFOUND)$/);
    expect(out.rawIp).toBe('ENETUNREACH');
    expect(out.dockerBridge).toBe('ENETUNREACH');
    expect(out.loopback).toBe('ok'); // its own server on 127.0.0.1, reached as localhost
  });

  it('sees no host secrets, host paths or harness files', async () => {
    const secret = `assay-secret-${Math.random().toString(36).slice(2)}`;
    process.env.ASSAY_ABUSE_SECRET = secret; // in the worker's environment, must not reach the sandbox
    try {
      const hostPaths = [repoRoot(), os.tmpdir() + '/assay-sandbox', os.homedir() + '/.cache', '/etc/shadow', '/harness', '/opt/assay-loadgen'];
      const result = await abuse(
        `const fs = require('fs');
         const dump = [JSON.stringify(process.env)];
         for (const pid of fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p))) {
           for (const f of ['environ', 'cmdline']) { try { dump.push(fs.readFileSync('/proc/' + pid + '/' + f, 'utf8')); } catch {} }
         }
         const out = { pids: fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p)).length, dump: dump.join('\\n'), visible: {} };
         for (const p of ${JSON.stringify(hostPaths)}) out.visible[p] = fs.existsSync(p);
         console.log(JSON.stringify(out));`,
      );
      expect(result.outcome).toBe('EXITED');
      const out = json(result) as { pids: number; dump: string; visible: Record<string, boolean> };
      expect(out.dump).not.toContain(secret);
      expect(out.dump).not.toMatch(/DATABASE_URL|REDIS_URL/);
      expect(Object.values(out.visible)).toEqual(hostPaths.map(() => false));
      expect(out.pids).toBeLessThan(10); // its own PID namespace: tini, node and little else
    } finally {
      delete process.env.ASSAY_ABUSE_SECRET;
    }
  });

  it('finds no Docker socket (nor any other socket)', async () => {
    const result = await abuse(
      `const fs = require('fs'), path = require('path'), net = require('net');
       const sockets = [];
       const walk = (dir, depth) => {
         if (depth > 6 || ['/proc', '/sys'].includes(dir)) return;
         let entries = [];
         try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
         for (const e of entries) {
           const p = path.join(dir, e.name);
           if (e.isSocket()) sockets.push(p);
           else if (e.isDirectory()) walk(p, depth + 1);
         }
       };
       walk('/', 0);
       const tryConnect = (p) => new Promise((r) => { const s = net.connect(p); s.on('connect', () => { s.destroy(); r('connected'); }); s.on('error', (e) => r(e.code)); });
       Promise.all(['/var/run/docker.sock', '/run/docker.sock'].map(tryConnect)).then((tries) => console.log(JSON.stringify({ sockets, tries })));`,
    );
    expect(result.outcome).toBe('EXITED');
    expect(json(result)).toEqual({ sockets: [], tries: ['ENOENT', 'ENOENT'] });
  });

  it('runs as a non-root user that cannot become root', async () => {
    const result = await abuse(
      `const fs = require('fs');
       const out = { uid: process.getuid(), euid: process.geteuid(), gid: process.getgid() };
       for (const [name, fn] of [['setuid', () => process.setuid(0)], ['setgid', () => process.setgid(0)], ['seteuid', () => process.seteuid(0)]]) {
         try { fn(); out[name] = 'ok'; } catch (e) { out[name] = e.code; }
       }
       const status = fs.readFileSync('/proc/self/status', 'utf8');
       out.capEff = /CapEff:\\s*(\\w+)/.exec(status)[1];
       out.noNewPrivs = /NoNewPrivs:\\s*(\\d)/.exec(status)[1];
       console.log(JSON.stringify(out));`,
    );
    expect(result.outcome).toBe('EXITED');
    expect(json(result)).toEqual({
      uid: 10001,
      euid: 10001,
      gid: 10001,
      setuid: 'EPERM',
      setgid: 'EPERM',
      seteuid: 'EPERM',
      capEff: '0000000000000000',
      noNewPrivs: '1',
    });
  });
});
