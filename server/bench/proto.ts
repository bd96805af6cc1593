import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import Dockerode from 'dockerode';
import { candidateContainerSpec } from '../src/sandbox/sandbox.container-spec';
import { DEFAULT_SANDBOX_LIMITS } from '../src/sandbox/sandbox.limits';

const docker = new Dockerode({ socketPath: '/var/run/docker.sock' });
const image = process.argv[2]!;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proto-'));
const app = path.join(dir, 'app'); fs.mkdirSync(app);
fs.writeFileSync(path.join(app, 'main.js'), 'process.stdout.write(String(process.hrtime.bigint()))');
const gateDir = path.join(dir, 'gate'); fs.mkdirSync(gateDir);
fs.writeFileSync(path.join(gateDir, 'gate.js'), `
const fs=require('fs'); const fd=fs.openSync('/opt/assay-gate/go','r'); const b=Buffer.alloc(1); fs.readSync(fd,b); fs.closeSync(fd);`);
const now = () => Number(process.hrtime.bigint()) / 1e6;
const fifo = (p: string) => { execFileSync('mkfifo', ['-m', '0622', p]); return p; };

function spec(name: string, gate = false) {
  const probeFifo = fifo(path.join(dir, name + '.probe'));
  const s = candidateContainerSpec({ runId: name, image, command: ['node', 'main.js'], codeDir: app, limits: DEFAULT_SANDBOX_LIMITS, probeFifo, cpuset: '0', openStdin: false, labels: { proto: '1' },
    env: gate ? { NODE_OPTIONS: '--require /opt/assay-gate/gate.js' } : {},
    mounts: gate ? [{ hostPath: gateDir, containerPath: '/opt/assay-gate' }] : [] });
  return s;
}
async function attachOut(c: Dockerode.Container) {
  const stream = await c.attach({ stream: true, stdout: true, stderr: true });
  const out = new PassThrough(); let text = '';
  out.on('data', (d) => (text += d)); docker.modem.demuxStream(stream, out, process.stderr);
  return () => text;
}
async function cold(i: number) {
  const t0 = now();
  const c = await docker.createContainer(spec('cold' + i));
  const out = await attachOut(c);
  await c.start(); const t1 = now();
  await c.wait(); const t2 = now();
  await c.remove({ force: true }); const t3 = now();
  return { first: Number(out()) / 1e6 - t0, created_started: t1 - t0, exit: t2 - t0, remove: t3 - t2 };
}
async function precreated(i: number) {
  const c = await docker.createContainer(spec('pre' + i));
  const out = await attachOut(c);
  const t0 = now();
  await c.start(); const t1 = now(); await c.wait(); const t2 = now();
  await c.remove({ force: true }); const t3 = now();
  return { first: Number(out()) / 1e6 - t0, created_started: t1 - t0, exit: t2 - t0, remove: t3 - t2 };
}
async function gated(i: number) {
  const go = path.join(gateDir, 'go'); if (!fs.existsSync(go)) { fifo(go); fs.chmodSync(go, 0o644); }
  const c = await docker.createContainer(spec('gate' + i, true));
  const out = await attachOut(c);
  await c.start();
  const wfd = fs.openSync(go, fs.constants.O_RDWR);
  await new Promise((r) => setTimeout(r, 400));
  const t0 = now();
  fs.writeSync(wfd, 'g'); const t1 = now();
  await c.wait(); const t2 = now(); fs.closeSync(wfd);
  await c.remove({ force: true }); const t3 = now();
  return { first: Number(out()) / 1e6 - t0, created_started: t1 - t0, exit: t2 - t0, remove: t3 - t2 };
}
function floor() {
  const t0 = now();
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.hrtime.bigint()))']);
  const t1 = now();
  return { first: Number(r.stdout.toString()) / 1e6 - t0, created_started: 0, exit: t1 - t0, remove: 0 };
}
const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1);
(async () => {
  for (const [name, fn] of [['floor', async () => floor()], ['cold', cold], ['precreated', precreated], ['gated', gated]] as const) {
    const rs = [];
    for (let i = 0; i < 8; i++) rs.push(await fn(i));
    console.log(name, 'first', med(rs.map((r) => r.first)), 'start', med(rs.map((r) => r.created_started)), 'exit', med(rs.map((r) => r.exit)), 'remove', med(rs.map((r) => r.remove)));
  }
  fs.rmSync(dir, { recursive: true, force: true });
})();
