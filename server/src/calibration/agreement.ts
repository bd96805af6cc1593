/** Levels of measurement Krippendorff's alpha is defined for (its difference functions). */
export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/**
 * Krippendorff's alpha, following "Computing Krippendorff's Alpha-Reliability"
 * (Krippendorff, 2011): from the coincidence matrix of values within units,
 * α = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
 *
 * `ratings[rater][unit]`, `null` where that rater gave no value. Units with
 * fewer than two values are not pairable and are left out. Returns NaN when
 * nothing is pairable or every pairable value is the same (no variation:
 * alpha is undefined, not perfect); see `pairableValues`.
 */
export function krippendorffAlpha(ratings: (number | null)[][], level: MeasurementLevel): number {
  const units = pairableUnits(ratings);
  const values = [...new Set(units.flat())].sort((a, b) => a - b);
  if (values.length < 2) return Number.NaN;
  const at = new Map(values.map((v, i) => [v, i]));
  const V = values.length;

  // Coincidences: each ordered pair of values from different raters of a unit, weighted 1/(m_u − 1).
  const o = Array.from({ length: V }, () => new Float64Array(V));
  for (const unit of units) {
    const w = 1 / (unit.length - 1);
    for (let i = 0; i < unit.length; i++) {
      for (let j = 0; j < unit.length; j++) if (i !== j) o[at.get(unit[i]!)!]![at.get(unit[j]!)!]! += w;
    }
  }
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = nc.reduce((s, x) => s + x, 0);
  const delta = differenceFunction(level, values, nc);

  let observed = 0;
  let expected = 0;
  for (let c = 0; c < V; c++) {
    for (let k = 0; k < V; k++) {
      const d = delta(c, k);
      observed += o[c]![k]! * d;
      expected += nc[c]! * nc[k]! * d;
    }
  }
  if (expected === 0) return Number.NaN;
  return 1 - ((n - 1) * observed) / expected;
}

/** The values of each unit rated by two or more raters (what alpha is computed from). */
export function pairableUnits(ratings: (number | null)[][]): number[][] {
  const unitCount = Math.max(0, ...ratings.map((r) => r.length));
  const units: number[][] = [];
  for (let u = 0; u < unitCount; u++) {
    const vals = ratings.map((r) => r[u]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (vals.length >= 2) units.push(vals);
  }
  return units;
}

/** Number of values alpha rests on (n of the coincidence matrix). */
export function pairableValues(ratings: (number | null)[][]): number {
  return pairableUnits(ratings).reduce((s, u) => s + u.length, 0);
}

/** δ² between the c-th and k-th distinct values (ascending), per level of measurement. */
function differenceFunction(level: MeasurementLevel, values: number[], nc: number[]): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => (values[c]! - values[k]!) ** 2;
    case 'ratio':
      return (c, k) => {
        const sum = values[c]! + values[k]!;
        return sum === 0 ? 0 : ((values[c]! - values[k]!) / sum) ** 2;
      };
    case 'ordinal': {
      // (Σ_{g=c..k} n_g − (n_c + n_k)/2)²: the ranks between two values, as the data fill them.
      const cumulative = [0];
      for (const x of nc) cumulative.push(cumulative[cumulative.length - 1]! + x);
      return (c, k) => {
        const [lo, hi] = c < k ? [c, k] : [k, c];
        return (cumulative[hi + 1]! - cumulative[lo]! - (nc[lo]! + nc[hi]!) / 2) ** 2;
      };
    }
  }
}
