import { Router, type Request } from 'express';
import { IdParamsSchema, RubricSchema } from '@assay/shared';
import { accessibleAssessment } from '../assessments/assessment.service';
import { staffOf } from '../auth/auth.middleware';
import type { Db } from '../db/db';
import { parseInput } from '../http/validate';
import { listInvitations } from '../invitations/invitation.repository';
import { findPreferences } from '../preferences/preference.repository';
import { findCurrentRubricVersion } from '../rubrics/rubric.repository';
import { agreementOf } from './agreement.service';
import { assessmentCsv } from './assessment.export';
import { countingScores, reviewsOfAssessment } from './calibration.repository';

/** Reviewer agreement and the CSV export of an assessment, for staff who may open it. Mounted at /api. */
export function calibrationRoutes(db: Db): Router {
  const router = Router();
  // staffOf answers 401/403 for anyone else; accessibleAssessment 404 for someone else's assessment.
  const load = async (req: Request) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'path');
    const user = staffOf(req);
    const assessment = await accessibleAssessment(db, user, id);
    const [invitations, reviews, scores, rubrics, prefs] = await Promise.all([
      listInvitations(db, id),
      reviewsOfAssessment(db, id),
      countingScores(db, id),
      Promise.all(assessment.challenges.map((c) => findCurrentRubricVersion(db, c.slug))),
      // The viewer's stored anonymized preference decides, never the request (as on the review pages).
      findPreferences(db, user.id),
    ]);
    const challenges = assessment.challenges.map((c, i) => ({ slug: c.slug, rubric: rubrics[i]?.rubric ?? null }));
    return { assessment, invitations, reviews, scores, challenges, anonymized: prefs.anonymized };
  };

  router.get('/assessments/:id/agreement', async (req, res) => {
    const { assessment, invitations, reviews, scores, challenges, anonymized } = await load(req);
    const dimensionOrder = challenges.flatMap((c) => {
      const parsed = RubricSchema.safeParse(c.rubric);
      return parsed.success ? parsed.data.dimensions.map((d) => d.name) : [];
    });
    res.json(agreementOf({ assessmentId: assessment.id, invitations, reviews, scores, dimensionOrder: [...new Set(dimensionOrder)], anonymized }));
  });

  router.get('/assessments/:id/export.csv', async (req, res) => {
    const { assessment, invitations, reviews, scores, challenges, anonymized } = await load(req);
    const name = assessment.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'assessment';
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${name}-results.csv"`);
    res.setHeader('cache-control', 'no-store');
    res.send(assessmentCsv({ invitations, scores, reviews, challenges, anonymized }));
  });
  return router;
}
