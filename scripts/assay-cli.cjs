#!/usr/bin/env node
'use strict';
/**
 * `npx assay …`: runs the TypeScript CLI (server/src/cli/assay.cli.ts) straight
 * from a fresh clone, through tsx's CommonJS hook; no build step needed.
 */
const path = require('node:path');

require('tsx/cjs/api').register();
const { main } = require(path.join(__dirname, '..', 'server', 'src', 'cli', 'assay.cli.ts'));
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`assay: ${(err && err.stack) || err}\n`);
    process.exit(3);
  },
);
