import { Router } from 'express';
import { CreateUserBodySchema, IdParamsSchema, UpdateUserBodySchema } from '@assay/shared';
import { staffOf } from '../auth/auth.middleware';
import { endUserSessions } from '../auth/session.service';
import type { Db } from '../db/db';
import type { LiveRevocations } from '../live/live.revoke';
import { parseInput } from '../http/validate';
import { AppError } from '../platform/errors';
import { findUserById, listUsers } from './user.repository';
import { changeUser, createUser } from './user.service';
import { toUser } from './user.view';

/** Account management: admins only. */
export function userRoutes(db: Db, revocations: LiveRevocations): Router {
  const router = Router();
  router.use((req, _res, next) => {
    staffOf(req, ['admin']);
    next();
  });
  router.get('/', async (_req, res) => {
    res.json({ users: (await listUsers(db)).map(toUser) });
  });
  router.post('/', async (req, res) => {
    const body = parseInput(CreateUserBodySchema, req.body);
    res.status(201).json(toUser(await createUser(db, body)));
  });
  router.patch('/:id', async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'path');
    const body = parseInput(UpdateUserBodySchema, req.body);
    res.json(toUser(await changeUser(db, revocations, staffOf(req), id, body)));
  });
  /** Logs a user out everywhere, open sockets included. */
  router.delete('/:id/sessions', async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'path');
    if (!(await findUserById(db, id))) throw new AppError('NOT_FOUND', 'No such user.');
    res.json({ revoked: await endUserSessions(db, revocations, id) });
  });
  return router;
}
