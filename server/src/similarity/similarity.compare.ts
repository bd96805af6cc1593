import type { SharedRegion } from '@assay/shared';
import type { Fingerprint } from './similarity.winnow';

export interface Comparison {
  /** Share of `a`'s distinct fingerprint hashes also in `b`. */
  share: number;
  otherShare: number;
  sharedFingerprints: number;
  regions: SharedRegion[];
}

/** Lines a region may skip and still be one region (a blank line or a renamed statement between two matches). */
const REGION_GAP = 2;
/** Most regions kept per match: enough to read, never a flood. */
const MAX_REGIONS = 40;

function byHash(prints: Fingerprint[]): Map<number, Fingerprint> {
  const first = new Map<number, Fingerprint>();
  for (const p of prints) if (!first.has(p.hash)) first.set(p.hash, p);
  return first;
}

/**
 * Compares two fingerprinted solutions: the shares of common hashes each way,
 * and the shared regions, made by joining matched fingerprints that are close
 * on both sides, in the same files.
 */
export function compareFingerprints(a: Fingerprint[], b: Fingerprint[]): Comparison {
  const mapA = byHash(a);
  const mapB = byHash(b);
  const pairs: { a: Fingerprint; b: Fingerprint }[] = [];
  for (const [hash, fa] of mapA) {
    const fb = mapB.get(hash);
    if (fb) pairs.push({ a: fa, b: fb });
  }
  pairs.sort((x, y) => x.a.file.localeCompare(y.a.file) || x.a.startLine - y.a.startLine || x.b.startLine - y.b.startLine);
  const regions: SharedRegion[] = [];
  for (const { a: fa, b: fb } of pairs) {
    const last = regions.at(-1);
    const joins =
      last &&
      last.a.file === fa.file &&
      last.b.file === fb.file &&
      fa.startLine <= last.a.endLine + REGION_GAP &&
      fb.startLine <= last.b.endLine + REGION_GAP &&
      fb.endLine >= last.b.startLine - REGION_GAP;
    if (joins) {
      last.a.endLine = Math.max(last.a.endLine, fa.endLine);
      last.b.startLine = Math.min(last.b.startLine, fb.startLine);
      last.b.endLine = Math.max(last.b.endLine, fb.endLine);
      last.fingerprints++;
    } else {
      regions.push({ a: { file: fa.file, startLine: fa.startLine, endLine: fa.endLine }, b: { file: fb.file, startLine: fb.startLine, endLine: fb.endLine }, fingerprints: 1 });
    }
  }
  const shared = pairs.length;
  return {
    share: mapA.size ? shared / mapA.size : 0,
    otherShare: mapB.size ? shared / mapB.size : 0,
    sharedFingerprints: shared,
    regions: regions.sort((x, y) => y.fingerprints - x.fingerprints).slice(0, MAX_REGIONS).sort((x, y) => x.a.file.localeCompare(y.a.file) || x.a.startLine - y.a.startLine),
  };
}
