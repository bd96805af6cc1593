import { sql } from 'kysely';
import type { Db } from '../db/db';
import type { UserRow, UsersTable } from './user.table';
import type { Insertable, Updateable } from 'kysely';

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where(sql<string>`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('created_at').execute();
}

/** Inserts a user; undefined when the email is taken (unique index on lower(email)). */
export async function insertUser(db: Db, user: Insertable<UsersTable>): Promise<UserRow | undefined> {
  return db.insertInto('users').values(user).onConflict((oc) => oc.expression(sql`lower(email)`).doNothing()).returningAll().executeTakeFirst();
}

export async function updateUser(db: Db, id: string, changes: Updateable<UsersTable>): Promise<UserRow | undefined> {
  return db.updateTable('users').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
}
