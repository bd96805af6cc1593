import { Router } from 'express';
import { ChallengeSlugParamsSchema, PublishRubricBodySchema, SaveRubricDraftBodySchema } from '@assay/shared';
import { requireStaff, staffOf } from '../auth/auth.middleware';
import type { Db } from '../db/db';
import { parseInput } from '../http/validate';
import type { Logger } from '../platform/logger';
import { findPreferences } from '../preferences/preference.repository';
import { warmPreviewCache } from './rubric.preview';
import { discardDraft, previewOfDraft, publishDraft, rubricOverview, saveDraft, versionsOf } from './rubric.service';

/**
 * Rubric calibration, mounted at /api/rubrics: any staff member may edit the
 * shared draft and preview it; only admins publish.
 */
export function rubricRoutes(db: Db, log: Logger): Router {
  const router = Router();
  router.use(requireStaff());
  const slugOf = (params: unknown) => parseInput(ChallengeSlugParamsSchema, params, 'path').slug;

  router.get('/:slug', async (req, res) => {
    const overview = await rubricOverview(db, slugOf(req.params));
    res.json(overview);
    // The panel previews next: read the stored runs now, while they edit (never fails the request).
    void warmPreviewCache(db, overview.challengeSlug, overview.current.id).catch((err: Error) => log.warn({ err: err.message }, 'could not warm the preview cache'));
  });
  router.get('/:slug/versions', async (req, res) => {
    res.json(await versionsOf(db, slugOf(req.params)));
  });
  router.put('/:slug/draft', async (req, res) => {
    const slug = slugOf(req.params);
    const body = parseInput(SaveRubricDraftBodySchema, req.body);
    await saveDraft(db, staffOf(req), slug, body.rubric);
    res.json(await rubricOverview(db, slug));
  });
  router.delete('/:slug/draft', async (req, res) => {
    await discardDraft(db, slugOf(req.params));
    res.status(204).end();
  });
  router.get('/:slug/preview', async (req, res) => {
    const slug = slugOf(req.params);
    const user = staffOf(req);
    // The viewer's stored preference decides, never the request: a link or a stale tab cannot unmask names.
    const { anonymized } = await findPreferences(db, user.id);
    res.json(await previewOfDraft(db, user, slug, anonymized));
  });
  router.post('/:slug/publish', async (req, res) => {
    const slug = slugOf(req.params);
    const user = staffOf(req, ['admin']);
    const body = parseInput(PublishRubricBodySchema, req.body);
    res.status(201).json(await publishDraft(db, user, slug, body));
  });
  return router;
}
