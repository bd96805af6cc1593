import { Router } from 'express';
import { UpdateStaffPreferencesBodySchema } from '@assay/shared';
import { requireStaff, staffOf } from '../auth/auth.middleware';
import type { Db } from '../db/db';
import { parseInput } from '../http/validate';
import { findPreferences, savePreferences } from './preference.repository';

/** The caller's own display preferences (anonymized mode). Mounted at /api/auth/me/preferences. */
export function preferenceRoutes(db: Db): Router {
  const router = Router();
  router.use(requireStaff());
  router.get('/', async (req, res) => {
    res.json(await findPreferences(db, staffOf(req).id));
  });
  router.patch('/', async (req, res) => {
    const body = parseInput(UpdateStaffPreferencesBodySchema, req.body);
    res.json(await savePreferences(db, staffOf(req).id, body));
  });
  return router;
}
