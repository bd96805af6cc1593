import { tokenize } from './similarity.tokens';

/** Winnowing parameters. */
export interface WinnowOptions {
  /** Tokens per k-gram: matches shorter than this are noise. @defaultValue 15 */
  k: number;
  /** Window of consecutive k-gram hashes one fingerprint is chosen from; any match of w + k − 1 tokens is found. @defaultValue 6 */
  w: number;
}
export const DEFAULT_WINNOW: WinnowOptions = { k: 15, w: 6 };

/** A selected k-gram hash and the lines of the file it covers. */
export interface Fingerprint {
  hash: number;
  file: string;
  startLine: number;
  endLine: number;
}

/** FNV-1a over the k tokens: 32 bits are plenty for a few thousand fingerprints per solution. */
function hashGram(texts: string[], from: number, k: number): number {
  let h = 0x811c9dc5;
  for (let t = from; t < from + k; t++) {
    const s = texts[t]!;
    for (let c = 0; c < s.length; c++) h = Math.imul(h ^ s.charCodeAt(c), 0x01000193);
    h = Math.imul(h ^ 0x20, 0x01000193); // token separator
  }
  return h >>> 0;
}

/**
 * Fingerprints of one file by winnowing (Schleimer, Wilkerson, Aiken 2003):
 * hash every k-gram of normalized tokens, slide a window of w hashes, keep
 * each window's minimum (the rightmost on ties), each chosen position once.
 */
export function fingerprintFile(file: string, source: string, opts: WinnowOptions = DEFAULT_WINNOW): Fingerprint[] {
  const tokens = tokenize(source);
  const texts = tokens.map((t) => t.text);
  const grams = texts.length - opts.k + 1;
  if (grams <= 0) return [];
  const hashes = Array.from({ length: grams }, (_, g) => hashGram(texts, g, opts.k));
  const at = (g: number): Fingerprint => ({ hash: hashes[g]!, file, startLine: tokens[g]!.line, endLine: tokens[g + opts.k - 1]!.line });
  const chosen: Fingerprint[] = [];
  let last = -1;
  const windows = Math.max(1, grams - opts.w + 1);
  for (let start = 0; start < windows; start++) {
    let min = start;
    for (let g = start; g < Math.min(start + opts.w, grams); g++) if (hashes[g]! <= hashes[min]!) min = g;
    if (min !== last) chosen.push(at(min)), (last = min);
  }
  return chosen;
}

/** Files compared: JavaScript and TypeScript sources (package.json, data and docs are not code). */
export const COMPARED_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** Fingerprints of every source file of a solution, minus those in `ignore` (the starter's). */
export function fingerprintSolution(files: Record<string, string>, ignore: ReadonlySet<number> = new Set(), opts: WinnowOptions = DEFAULT_WINNOW): Fingerprint[] {
  return Object.entries(files)
    .filter(([path]) => COMPARED_FILE.test(path))
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([path, source]) => fingerprintFile(path, source, opts))
    .filter((f) => !ignore.has(f.hash));
}
