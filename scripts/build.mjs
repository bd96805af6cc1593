// Builds the client (Vite) and bundles the server (esbuild) into server/dist/main.cjs.
// `--if-changed` skips the build when no input changed since the last one.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = path.join(root, 'server', 'dist', '.build-stamp');
const INPUTS = ['shared/src', 'server/src', 'client/src', 'client/index.html', 'client/vite.config.mts', 'package-lock.json', 'scripts/build.mjs'];

function* files(p) {
  const abs = path.join(root, p);
  if (!fs.existsSync(abs)) return;
  if (fs.statSync(abs).isDirectory()) {
    for (const entry of fs.readdirSync(abs).sort()) yield* files(path.join(p, entry));
  } else yield p;
}

function inputsHash() {
  const hash = crypto.createHash('sha256');
  for (const input of INPUTS) for (const file of files(input)) hash.update(file).update(fs.readFileSync(path.join(root, file)));
  return hash.digest('hex');
}

export async function build({ ifChanged = false } = {}) {
  const hash = inputsHash();
  if (ifChanged && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === hash) return false;
  // What ships is React's production build, whatever the caller's NODE_ENV (Jest sets `test`, which
  // would give a development bundle under StrictMode: effects run twice, unlike what candidates get).
  process.env.NODE_ENV = 'production';
  const vite = await import('vite');
  await vite.build({ root: path.join(root, 'client'), logLevel: 'warn', configFile: path.join(root, 'client', 'vite.config.mts') });
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(root, 'server/src/app/main.ts')],
    outfile: path.join(root, 'server/dist/main.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [{
      // npm packages stay in node_modules; only our workspaces are bundled.
      name: 'externals',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@assay/') ? undefined : { path: args.path, external: true }));
      },
    }],
  });
  fs.writeFileSync(STAMP, hash);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const built = await build({ ifChanged: process.argv.includes('--if-changed') });
  console.log(built ? 'built client/dist and server/dist' : 'build is up to date');
}
