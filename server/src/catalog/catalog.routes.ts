import { Router } from 'express';
import { z } from 'zod';
import { requireStaff } from '../auth/auth.middleware';
import type { Db } from '../db/db';
import { parseInput } from '../http/validate';
import { AppError } from '../platform/errors';
import { findCurrentChallenge, findCurrentRubrics, listCurrentChallenges } from './catalog.repository';
import { toChallengeDetail, toChallengeVersion } from './catalog.view';

/** The challenge catalogue, for staff building assessments. */
export function catalogRoutes(db: Db): Router {
  const router = Router();
  router.use(requireStaff());
  router.get('/', async (_req, res) => {
    const [challenges, rubrics] = await Promise.all([listCurrentChallenges(db), findCurrentRubrics(db)]);
    res.json({ challenges: challenges.map((c) => toChallengeVersion(c, rubrics.find((r) => r.challenge_slug === c.slug))) });
  });
  router.get('/:slug', async (req, res) => {
    const { slug } = parseInput(z.object({ slug: z.string().regex(/^[a-z0-9-]{1,100}$/) }), req.params, 'path');
    const challenge = await findCurrentChallenge(db, slug);
    if (!challenge) throw new AppError('NOT_FOUND', 'No such challenge.');
    const rubric = (await findCurrentRubrics(db)).find((r) => r.challenge_slug === slug);
    res.json(toChallengeDetail(challenge, rubric));
  });
  return router;
}
