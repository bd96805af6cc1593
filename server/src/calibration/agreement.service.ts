import { candidatePseudonym, DECISIONS, type Agreement, type Alpha } from '@assay/shared';
import type { InvitationRow } from '../invitations/invitation.table';
import { krippendorffAlpha, pairableUnits, type MeasurementLevel } from './agreement';
import type { AssessmentReview, CountingScore } from './calibration.repository';

/** Below these, alpha is reported with a note that it means little (Krippendorff asks for far more). */
const MIN_PAIRABLE_UNITS = 5;
const MIN_PAIRABLE_VALUES = 10;

/** Alpha with the counts it rests on, and a note when they are too few or there is no variation. */
export function alphaOf(matrix: (number | null)[][], level: MeasurementLevel): Alpha {
  const units = pairableUnits(matrix);
  const values = units.reduce((s, u) => s + u.length, 0);
  const alpha = krippendorffAlpha(matrix, level);
  let note: string | null = null;
  if (units.length < MIN_PAIRABLE_UNITS || values < MIN_PAIRABLE_VALUES) {
    note = `Too few pairable values to mean anything: ${units.length} candidate${units.length === 1 ? '' : 's'} rated by two or more reviewers (${values} value${values === 1 ? '' : 's'}); at least ${MIN_PAIRABLE_UNITS} candidates and ${MIN_PAIRABLE_VALUES} values are needed.`;
  } else if (Number.isNaN(alpha)) {
    note = 'Every pairable value is the same: there is no variation to agree on, so alpha is undefined.';
  }
  return { alpha: Number.isNaN(alpha) ? null : Math.round(alpha * 1000) / 1000, level, units: units.length, pairableValues: values, note };
}

/** Spearman's rank correlation (average ranks for ties); null under 3 pairs or with no variation. */
export function spearman(xs: number[], ys: number[]): number | null {
  if (xs.length < 3) return null;
  const rank = (v: number[]) => {
    const order = v.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
    const r = new Array<number>(v.length);
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
      for (let k = i; k <= j; k++) r[order[k]![1]] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return r;
  };
  const [rx, ry] = [rank(xs), rank(ys)];
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const [mx, my] = [mean(rx), mean(ry)];
  let num = 0, dx = 0, dy = 0;
  for (let i = 0; i < rx.length; i++) {
    num += (rx[i]! - mx) * (ry[i]! - my);
    dx += (rx[i]! - mx) ** 2;
    dy += (ry[i]! - my) ** 2;
  }
  return dx && dy ? Math.round((num / Math.sqrt(dx * dy)) * 1000) / 1000 : null;
}

interface AgreementInput {
  assessmentId: string;
  invitations: InvitationRow[];
  reviews: AssessmentReview[];
  scores: CountingScore[];
  /** Rubric dimension names of the assessment's challenges, in rubric order. */
  dimensionOrder: string[];
  /** The viewer's stored preference: candidates by their stable pseudonym, as on the review pages. */
  anonymized: boolean;
}

/**
 * Reviewer agreement over an assessment's candidates (the units): alpha per
 * dimension (ordinal ratings 1–5), for the decision (nominal), and each
 * dimension's mean manual rating against the automatic score (interval).
 */
export function agreementOf(input: AgreementInput): Agreement {
  const raters = [...new Map(input.reviews.map((r) => [r.reviewer_id, { id: r.reviewer_id, name: r.reviewer_name }])).values()];
  const unitIds = [...new Set(input.reviews.map((r) => r.invitation_id))];
  const byKey = new Map(input.reviews.map((r) => [`${r.reviewer_id}:${r.invitation_id}`, r]));
  const rated = new Set(input.reviews.flatMap((r) => Object.keys(r.ratings)));
  const names = [...input.dimensionOrder.filter((n) => rated.has(n)), ...[...rated].filter((n) => !input.dimensionOrder.includes(n)).sort()];
  const matrix = (value: (r: AssessmentReview) => number | null | undefined) =>
    raters.map((rater) => unitIds.map((u) => { const r = byKey.get(`${rater.id}:${u}`); return r ? (value(r) ?? null) : null; }));

  const decisionCode = (d: AssessmentReview['decision']) => (d ? DECISIONS.indexOf(d) + 1 : null);
  const dimensions = names.map((name) => ({ name, alpha: alphaOf(matrix((r) => r.ratings[name]), 'ordinal') }));
  const decision = alphaOf(matrix((r) => decisionCode(r.decision)), 'nominal');

  const manualVsAutomatic = names.map((name) => {
    const auto: (number | null)[] = [];
    const manual: (number | null)[] = [];
    for (const u of unitIds) {
      const fractions = input.scores
        .filter((s) => s.invitation_id === u && s.dimensions)
        .flatMap((s) => s.dimensions!.filter((d) => d.name === name && d.max > 0).map((d) => d.points / d.max));
      const given = input.reviews.filter((r) => r.invitation_id === u && typeof r.ratings[name] === 'number').map((r) => r.ratings[name]!);
      auto.push(fractions.length ? 1 + 4 * (fractions.reduce((a, b) => a + b, 0) / fractions.length) : null);
      manual.push(given.length ? given.reduce((a, b) => a + b, 0) / given.length : null);
    }
    const both = auto.map((a, i) => [a, manual[i]] as const).filter((p): p is readonly [number, number] => p[0] !== null && p[1] !== null);
    return { name, alpha: alphaOf([auto, manual], 'interval'), spearman: spearman(both.map((p) => p[0]), both.map((p) => p[1])) };
  });

  const invitationName = new Map(input.invitations.map((inv) => [inv.id, input.anonymized ? candidatePseudonym(inv.id) : inv.candidate_name]));
  const disagreements = unitIds
    .map((u) => {
      const reviews = input.reviews.filter((r) => r.invitation_id === u);
      let spread = 0;
      for (const name of names) {
        const vals = reviews.map((r) => r.ratings[name]).filter((v): v is number => typeof v === 'number');
        if (vals.length >= 2) spread += Math.max(...vals) - Math.min(...vals);
      }
      const decisions = new Set(reviews.map((r) => r.decision).filter((d) => d !== null));
      if (decisions.size > 1) spread += 2;
      return {
        invitationId: u,
        candidate: invitationName.get(u) ?? candidatePseudonym(u),
        spread,
        reviewers: reviews.length,
        ratings: reviews.map((r) => ({ reviewer: { id: r.reviewer_id, name: r.reviewer_name }, ratings: r.ratings, decision: r.decision })),
      };
    })
    .filter((d) => d.reviewers >= 2)
    .sort((a, b) => b.spread - a.spread)
    .map(({ reviewers: _n, ...d }) => d);

  return { assessmentId: input.assessmentId, anonymized: input.anonymized, raters, dimensions, decision, manualVsAutomatic, disagreements };
}
