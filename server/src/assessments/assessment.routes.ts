import { Router } from 'express';
import { CreateAssessmentBodySchema, IdParamsSchema } from '@assay/shared';
import { requireStaff, staffOf } from '../auth/auth.middleware';
import type { Db } from '../db/db';
import { parseInput } from '../http/validate';
import { listAssessments } from './assessment.repository';
import { accessibleAssessment, createAssessment, toAssessment } from './assessment.service';

export function assessmentRoutes(db: Db): Router {
  const router = Router();
  router.use(requireStaff());
  router.get('/', async (req, res) => {
    const user = staffOf(req);
    const rows = await listAssessments(db, user.role === 'admin' ? undefined : user.id);
    res.json({ assessments: rows.map(toAssessment) });
  });
  router.post('/', async (req, res) => {
    const body = parseInput(CreateAssessmentBodySchema, req.body);
    res.status(201).json(toAssessment(await createAssessment(db, staffOf(req), body)));
  });
  router.get('/:id', async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'path');
    res.json(toAssessment(await accessibleAssessment(db, staffOf(req), id)));
  });
  return router;
}
