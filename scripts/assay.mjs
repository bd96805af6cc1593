// `npm start`, `npm run worker`, `npm test`, `npm run bench:*` (`run <file.ts>`):
// set up what is missing, then run.
// Every step is idempotent, so a second run only checks and goes.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SetupError, ensureAptPackages, ensureDockerEngine, ensureNodeVersion, ensureNpmDependencies } from './lib/ensure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [command = 'start', ...rest] = process.argv.slice(2);
const COMMANDS = ['start', 'worker', 'test', 'run'];

async function step(label, fn) {
  const started = Date.now();
  const outcome = await fn();
  console.log(`[assay] ${label}: ${outcome} (${Date.now() - started} ms)`);
}

/** Runs a command to completion with inherited stdio, forwarding Ctrl-C/TERM; resolves with its exit code. */
function runForwarding(cmd, args, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** One plain closing line (`tests: N passed, N failed, N skipped`) that any CI log reader understands. */
function printTestTotals(resultsFile) {
  try {
    const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  } catch {
    console.log('tests: no results (jest did not finish)');
  }
}

async function main() {
  if (!COMMANDS.includes(command)) throw new SetupError(`usage: node scripts/assay.mjs <${COMMANDS.join('|')}>`);
  ensureNodeVersion();
  const dataDir = path.resolve(process.env.ASSAY_DATA_DIR || path.join(root, '.data'));
  await step('npm dependencies', () => ensureNpmDependencies(root));
  await step('Docker engine', () => ensureDockerEngine(dataDir));
  if (!process.env.REDIS_URL || command === 'test') {
    await step('redis-server', () => ensureAptPackages([{ bin: 'redis-server', pkg: 'redis-server' }], 'The local queue (REDIS_URL unset)'));
  }
  if (command === 'test') {
    await step('test tools', () => ensureAptPackages(
      [{ bin: 'chromium', pkg: 'chromium' }, { bin: '/usr/bin/time', pkg: 'time' }],
      'The browser and measurement tests',
    ));
  }
  const { build } = await import('./build.mjs');
  await step('build', async () => ((await build({ ifChanged: true })) ? 'built' : 'up to date'));

  if (command === 'run') {
    if (!rest[0]) throw new SetupError('usage: node scripts/assay.mjs run <file.ts> [args…]');
    return runForwarding(process.execPath, ['--import', 'tsx', ...rest]);
  }
  if (command === 'test') {
    const tsc = spawnSync('npx', ['tsc', '-b', 'shared', 'server', 'client'], { cwd: root, stdio: 'inherit' });
    if (tsc.status !== 0) return 1;
    console.log('[assay] type check: ok');
    fs.mkdirSync(dataDir, { recursive: true });
    const resultsFile = path.join(dataDir, 'jest-results.json');
    const code = await runForwarding('npx', ['jest', ...(process.env.CI ? ['--ci'] : []), '--json', `--outputFile=${resultsFile}`, ...rest]);
    printTestTotals(resultsFile);
    return code;
  }
  return runForwarding(process.execPath, ['--enable-source-maps', path.join(root, 'server/dist/main.cjs')], command === 'worker' ? { ASSAY_ROLE: 'worker' } : {});
}

main().then(
  (code) => process.exit(code ?? 0),
  (err) => {
    console.error(err instanceof SetupError ? `[assay] ${err.message}` : err);
    process.exit(1);
  },
);
