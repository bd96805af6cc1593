import { RubricSchema, type Rubric, type RubricDimension } from '@assay/shared';

/**
 * The rubric editor's state is a plain object shaped like the rubric (the
 * inputs write numbers into it as typed); every edit is checked with the
 * shared zod schema, and each issue is shown next to the field its path names.
 */
export type EditableRubric = Omit<Rubric, 'dimensions'> & { dimensions: RubricDimension[] };

/** Issues by dotted path ("dimensions.1.curve.2", "dimensions" for the weight total). */
export type FieldIssues = Record<string, string>;

export function validateRubric(rubric: EditableRubric): { ok: true; rubric: Rubric; issues: FieldIssues } | { ok: false; issues: FieldIssues } {
  const parsed = RubricSchema.safeParse(rubric);
  if (parsed.success) return { ok: true, rubric: parsed.data, issues: {} };
  const issues: FieldIssues = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join('.');
    issues[key] ??= issue.message;
  }
  return { ok: false, issues };
}

/** The first issue at a path or under it (an input for a whole point shows the point's and its coordinates'). */
export function issueAt(issues: FieldIssues, path: string): string | undefined {
  if (issues[path]) return issues[path];
  const under = Object.keys(issues).find((k) => k.startsWith(`${path}.`));
  return under ? issues[under] : undefined;
}

export const weightTotal = (r: EditableRubric) => Math.round(r.dimensions.reduce((s, d) => s + (Number.isFinite(d.weight) ? d.weight : 0), 0) * 1000) / 1000;

function withDimension(r: EditableRubric, i: number, change: (d: RubricDimension) => RubricDimension): EditableRubric {
  return { ...r, dimensions: r.dimensions.map((d, j) => (j === i ? change(d) : d)) };
}

export function setDimensionField<K extends keyof RubricDimension>(r: EditableRubric, i: number, key: K, value: RubricDimension[K]): EditableRubric {
  return withDimension(r, i, (d) => ({ ...d, [key]: value }));
}

/** Sets one coordinate of a curve point; the point keeps its place (the schema says when x is out of order). */
export function setCurvePoint(r: EditableRubric, i: number, p: number, axis: 0 | 1, value: number): EditableRubric {
  return withDimension(r, i, (d) => ({ ...d, curve: d.curve.map((pt, j) => (j === p ? ((axis === 0 ? [value, pt[1]] : [pt[0], value]) as [number, number]) : pt)) }));
}

/** Adds a point halfway between the last two (or after the only one). */
export function addCurvePoint(r: EditableRubric, i: number): EditableRubric {
  return withDimension(r, i, (d) => {
    const last = d.curve[d.curve.length - 1]!;
    const prev = d.curve[d.curve.length - 2];
    const point: [number, number] = prev ? [(prev[0] + last[0]) / 2, (prev[1] + last[1]) / 2] : [last[0] + 1, last[1]];
    const curve = prev ? [...d.curve.slice(0, -1), point, last] : [...d.curve, point];
    return { ...d, curve };
  });
}

export function removeCurvePoint(r: EditableRubric, i: number, p: number): EditableRubric {
  return withDimension(r, i, (d) => (d.curve.length <= 1 ? d : { ...d, curve: d.curve.filter((_, j) => j !== p) }));
}

export function setLevelMin(r: EditableRubric, index: number, minTotal: number): EditableRubric {
  return { ...r, levels: r.levels.map((l, j) => (j === index ? { ...l, minTotal } : l)) };
}

/** Samples of a piecewise-linear curve for its plot: the points themselves plus flat ends beyond them. */
export function curveSeries(curve: readonly (readonly [number, number])[]): [number[], number[]] {
  const finite = curve.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (!finite.length) return [[], []];
  const xs = finite.map(([x]) => x);
  const span = Math.max(...xs) - Math.min(...xs) || Math.abs(xs[0]!) || 1;
  const pad = span * 0.15;
  const sorted = [...finite].sort((a, b) => a[0] - b[0]);
  const x = [sorted[0]![0] - pad, ...sorted.map(([px]) => px), sorted[sorted.length - 1]![0] + pad];
  const y = [sorted[0]![1], ...sorted.map(([, py]) => py), sorted[sorted.length - 1]![1]];
  return [x, y];
}

/** True when the editor's rubric differs from the saved one (publishing needs a saved draft). */
export const sameRubric = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** How a curve's x is shown and typed: bytes in MiB, rates in MiB/s, relative curves as × the reference. */
export function xScale(d: Pick<RubricDimension, 'basis' | 'unit'>): { factor: number; label: string } {
  if (d.basis === 'relative') return { factor: 1, label: '× reference' };
  switch (d.unit) {
    case 'bytes':
      return { factor: 1024 * 1024, label: 'MiB' };
    case 'bytesPerSecond':
      return { factor: 1024 * 1024, label: 'MiB/s' };
    case 'ms':
      return { factor: 1, label: 'ms' };
    case 'perSecond':
      return { factor: 1, label: '/s' };
    case 'fraction':
      return { factor: 1, label: 'fraction' };
    default:
      return { factor: 1, label: d.unit };
  }
}
