import type { ColumnType, Generated, Selectable } from 'kysely';
import type { UserRole } from '@assay/shared';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  role: UserRole;
  password_hash: string;
  disabled_at: Date | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}
export type UserRow = Selectable<UsersTable>;
