// Idempotent set-up steps shared by `npm start` and `npm test`. Plain Node,
// no npm dependencies: they run before `npm install` has.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export class SetupError extends Error {}

const isRoot = () => process.getuid?.() === 0;
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status === 0;
}

export function ensureNodeVersion() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new SetupError(`Assay needs Node.js 20.19 or newer; this is ${process.version}. Install a current Node LTS.`);
  }
}

/** `npm install` when package.json files or the lockfile changed since the last install. */
export function ensureNpmDependencies(root) {
  const manifests = ['package.json', 'package-lock.json', 'shared/package.json', 'server/package.json', 'client/package.json'];
  const hash = crypto.createHash('sha256');
  for (const f of manifests) hash.update(f).update(fs.readFileSync(path.join(root, f)));
  const digest = hash.digest('hex');
  const stamp = path.join(root, 'node_modules', '.assay-install-stamp');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === digest) return 'up to date';
  // Not `npm ci`: npm 11 omits other platforms' optional packages from the lockfile and ci then refuses it.
  if (!run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root })) {
    throw new SetupError('npm install failed (see above). Check the network access to the npm registry.');
  }
  fs.writeFileSync(stamp, digest);
  return 'installed';
}

/**
 * Installs Debian packages that are missing, as root only. A temporary
 * policy-rc.d stops their daemons from starting as system services: Assay
 * starts what it needs itself, with its own settings.
 */
export function ensureAptPackages(packages, why) {
  const missing = packages.filter(({ bin }) => !has(bin));
  if (!missing.length) return 'present';
  const names = missing.map((p) => p.pkg);
  if (!isRoot() || !has('apt-get')) {
    throw new SetupError(`${why} needs ${names.join(', ')}. Install ${names.length > 1 ? 'them' : 'it'} (e.g. \`sudo apt-get install -y ${names.join(' ')}\`) and run the command again.`);
  }
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !fs.existsSync(policy);
  if (ownPolicy) fs.writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    // With recommends: that is how docker.io was verified on these machines (cgroupfs-mount is one).
    const install = () => run('apt-get', ['install', '-y', '-q', ...names], { env });
    if (!install() && !(run('apt-get', ['update', '-q'], { env }) && install())) {
      throw new SetupError(`apt-get install ${names.join(' ')} failed (see above).`);
    }
  } finally {
    if (ownPolicy) fs.rmSync(policy, { force: true });
  }
  return `installed ${names.join(', ')}`;
}

function dockerPing(socketPath) {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: '/_ping', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

/**
 * A running Docker engine: the one at DOCKER_SOCKET if it answers; otherwise,
 * as root on Debian/Ubuntu, docker.io from apt and a `dockerd` started here.
 */
export async function ensureDockerEngine(dataDir) {
  const socket = process.env.DOCKER_SOCKET || '/var/run/docker.sock';
  if (await dockerPing(socket)) return 'running';
  if (!isRoot()) {
    throw new SetupError(`No Docker engine answers at ${socket}. Install Docker Engine (Debian/Ubuntu: apt-get install docker.io), start it, and make sure this user may use its socket (or set DOCKER_SOCKET).`);
  }
  ensureAptPackages([{ bin: 'dockerd', pkg: 'docker.io' }], 'Running candidate code in sandboxes');
  fs.mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, 'dockerd.log');
  const out = fs.openSync(logFile, 'a');
  // Detached: the engine is a system daemon and outlives this command, like `systemctl start docker`.
  spawn('dockerd', [], { detached: true, stdio: ['ignore', out, out] }).unref();
  for (let i = 0; i < 120; i++) {
    if (await dockerPing(socket)) return 'started dockerd';
    await sleep(500);
  }
  throw new SetupError(`dockerd did not answer within 60 s; see ${logFile}`);
}
