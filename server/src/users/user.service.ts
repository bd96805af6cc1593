import type { CreateUserBody, UpdateUserBody, UserRole } from '@assay/shared';
import { hashPassword } from '../auth/auth.password';
import { endUserSessions } from '../auth/session.service';
import type { Db } from '../db/db';
import type { LiveRevocations } from '../live/live.revoke';
import { AppError } from '../platform/errors';
import type { Logger } from '../platform/logger';
import { findUserByEmail, insertUser, updateUser } from './user.repository';
import type { UserRow } from './user.table';

export async function createUser(db: Db, body: CreateUserBody): Promise<UserRow> {
  const row = await insertUser(db, { email: body.email.toLowerCase(), name: body.name, role: body.role, password_hash: await hashPassword(body.password), disabled_at: null });
  if (!row) throw new AppError('CONFLICT', 'An account with this email already exists.');
  return row;
}

/**
 * Applies an admin's change to an account. Anything that changes what the
 * user may do (disabled, role, password) ends their sessions (and open sockets) at once.
 */
export async function changeUser(db: Db, revocations: LiveRevocations, actor: UserRow, id: string, body: UpdateUserBody): Promise<UserRow> {
  if (id === actor.id && (body.disabled || (body.role && body.role !== 'admin'))) {
    throw new AppError('CONFLICT', 'You cannot disable or demote your own account (ask another admin).');
  }
  const row = await updateUser(db, id, {
    ...(body.name !== undefined && { name: body.name }),
    ...(body.role !== undefined && { role: body.role }),
    ...(body.disabled !== undefined && { disabled_at: body.disabled ? new Date() : null }),
    ...(body.password !== undefined && { password_hash: await hashPassword(body.password) }),
  });
  if (!row) throw new AppError('NOT_FOUND', 'No such user.');
  if (body.disabled || body.role !== undefined || body.password !== undefined) await endUserSessions(db, revocations, id);
  return row;
}

/**
 * The first admin: created from ADMIN_EMAIL/ADMIN_PASSWORD (or the CLI) when
 * no account has that email. An existing account is left alone, so changing
 * the variable later never resets a password someone has since changed.
 */
export async function ensureAdmin(db: Db, admin: { email: string; password: string; name?: string }, log?: Logger): Promise<'created' | 'exists'> {
  if (await findUserByEmail(db, admin.email)) return 'exists';
  const role: UserRole = 'admin';
  const row = await insertUser(db, { email: admin.email.toLowerCase(), name: admin.name ?? 'Administrator', role, password_hash: await hashPassword(admin.password), disabled_at: null });
  if (!row) return 'exists'; // another process created it meanwhile
  log?.info({ email: row.email }, 'created the first admin account');
  return 'created';
}
