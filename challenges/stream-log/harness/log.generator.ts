import fs from 'node:fs';
import { Prng } from '../../../server/src/challenges/kit/prng';
import { LogStats, type LogAnswer } from './log.answer';

/**
 * A seeded access-log generator fast enough for 10 GiB (~1–2 GB/s): a pool of
 * line-aligned blocks is made once; the file is a seeded sequence of those
 * blocks, each rotated to a random line so no two stretches repeat exactly.
 * Rotating a block keeps its set of lines, so the expected answer is the sum
 * of the chosen blocks' stats: no 10 GiB re-parse.
 */
export interface LogInputOptions {
  seed: number;
  /** Size to reach; the file ends at the first block boundary at or past it. */
  bytes: number;
  /** @defaultValue 32 */
  poolBlocks?: number;
  /** @defaultValue 1 MiB */
  blockBytes?: number;
}

export interface LogInput {
  answer: LogAnswer;
  bytes: number;
  lines: number;
}

/** Bump when the generator's output changes: it is part of the cache key. */
export const GENERATOR_VERSION = 1;

interface Block {
  bytes: Buffer;
  lineStarts: Uint32Array;
  stats: LogStats;
}

const METHODS = [['GET', 60], ['POST', 18], ['PUT', 8], ['DELETE', 6], ['PATCH', 5], ['HEAD', 2], ['OPTIONS', 1]] as const;
const STATUSES = [['200', 62], ['201', 6], ['204', 4], ['301', 2], ['304', 5], ['400', 4], ['401', 3], ['403', 2], ['404', 7], ['429', 1], ['500', 2], ['502', 1], ['503', 1]] as const;
const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'kappa', 'omega', 'sigma', 'zeta'];

/** Path templates: `#` is a number (a digit segment → `:id`), `~` a word, `%` hex (not all digits). */
const TEMPLATES: ReadonlyArray<readonly [string, number]> = [
  ['/api/users/#', 30], ['/api/users/#/orders', 14], ['/api/users/#/orders/#', 12], ['/api/products/#', 20],
  ['/api/products/#/reviews', 8], ['/api/v2/products/#/reviews/#/votes', 4], ['/health', 10], ['/api/cart', 9],
  ['/api/search?q=~', 7], ['/static/app.%.js', 6], ['/static/img/#.png', 5], ['/api/orders/#/items/#', 6],
  ['/v1/#/reports/#', 3], ['/api/users/#x/profile', 2], ['/api/users/~', 3], ['/#', 2], ['/api/items/00#', 2],
  ['/api/teams/#/members/#/roles/#', 2], ['/login', 4], ['/logout', 2],
];

function makePath(prng: Prng): string {
  const template = prng.weighted(TEMPLATES);
  return template
    .replace(/#/g, () => String(prng.int(prng.next() < 0.5 ? 1_000 : 10_000_000)))
    .replace(/~/g, () => prng.pick(WORDS))
    .replace(/%/g, () => prng.int(0xffffff).toString(16).padStart(6, 'a'));
}

function makeDuration(prng: Prng): number {
  if (prng.next() < 0.002) return prng.between(10_000, 59_999);
  return Math.min(59_999, Math.floor(Math.exp(3.2 + 1.1 * prng.normal())));
}

/** A line broken in one of the ways the contract calls malformed. */
function makeMalformed(prng: Prng, ts: string, method: string, path: string, status: string, duration: number): string {
  switch (prng.int(12)) {
    case 0: return `${ts} ${method} ${path} ${status}`;
    case 1: return `${ts} ${method} ${path} ${status} ${duration} extra`;
    case 2: return `${ts} ${method}  ${path} ${status} ${duration}`;
    case 3: return `${ts} ${method} ${path} ${status.slice(0, 2)} ${duration}`;
    case 4: return `${ts} ${method} ${path} ${status}0 ${duration}`;
    case 5: return `${ts} ${method} ${path} 2x0 ${duration}`;
    case 6: return `${ts} ${method} ${path} ${status} ${60_000 + prng.int(1_000)}`;
    case 7: return `${ts} ${method} ${path} ${status} -${duration}`;
    case 8: return `${ts} ${method} ${path} ${status} ${duration}.5`;
    case 9: return `${ts} ${method} ${path} ${status} ${duration} `;
    case 10: return prng.next() < 0.5 ? '' : `${ts} ${method} ${path}`;
    default: return `${ts}\t${method}\t${path}\t${status}\t${duration}`;
  }
}

function makeBlock(prng: Prng, targetBytes: number, clock: { ms: number }): Block {
  const lines: string[] = [];
  let size = 0;
  const stats = new LogStats();
  while (size < targetBytes) {
    clock.ms += prng.int(40);
    const ts = new Date(clock.ms).toISOString();
    const method = prng.weighted(METHODS);
    const path = makePath(prng);
    const status = prng.weighted(STATUSES);
    const duration = makeDuration(prng);
    const line = prng.next() < 0.01 ? makeMalformed(prng, ts, method, path, status, duration) : `${ts} ${method} ${path} ${status} ${duration}`;
    lines.push(line);
    stats.addLine(line);
    size += line.length + 1;
  }
  const bytes = Buffer.from(`${lines.join('\n')}\n`, 'latin1');
  const lineStarts = new Uint32Array(lines.length);
  let at = 0;
  lines.forEach((l, i) => {
    lineStarts[i] = at;
    at += l.length + 1;
  });
  return { bytes, lineStarts, stats };
}

/** Writes the log to `file` and returns its expected answer. */
export async function generateLogInput(file: string, options: LogInputOptions, onProgress?: (fraction: number) => void): Promise<LogInput> {
  const { seed, bytes: target, poolBlocks = 32, blockBytes = 1 << 20 } = options;
  const prng = new Prng(seed);
  const clock = { ms: Date.UTC(2026, 0, 1) + prng.int(86_400_000) };
  const pool = Array.from({ length: poolBlocks }, () => makeBlock(prng, blockBytes, clock));

  const uses = new Array<number>(poolBlocks).fill(0);
  const batch = Buffer.allocUnsafe(16 << 20);
  let filled = 0;
  let written = 0;
  let lines = 0;
  const fh = await fs.promises.open(file, 'w');
  try {
    const flush = async () => {
      if (filled) await fh.write(batch, 0, filled);
      filled = 0;
    };
    let nextReport = 0;
    while (written < target) {
      const index = prng.int(poolBlocks);
      const block = pool[index]!;
      const rotateAt = block.lineStarts[prng.int(block.lineStarts.length)]!;
      if (filled + block.bytes.length > batch.length) await flush();
      filled += block.bytes.copy(batch, filled, rotateAt);
      filled += block.bytes.copy(batch, filled, 0, rotateAt);
      written += block.bytes.length;
      lines += block.lineStarts.length;
      uses[index]!++;
      if (onProgress && written >= nextReport) {
        onProgress(Math.min(1, written / target));
        nextReport += target / 20;
      }
    }
    await flush();
  } finally {
    await fh.close();
  }
  const stats = new LogStats();
  pool.forEach((block, i) => uses[i] && stats.addStats(block.stats, uses[i]));
  return { answer: stats.toAnswer(), bytes: written, lines };
}
