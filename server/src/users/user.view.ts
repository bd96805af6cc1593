import type { User } from '@assay/shared';
import type { UserRow } from './user.table';

/** A user row as the API shows it (never the password hash). */
export function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, role: row.role, disabled: row.disabled_at !== null, createdAt: row.created_at.toISOString() };
}
