import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

/** Staff roles. Admins manage accounts and see every assessment; interviewers see their own. */
export const USER_ROLES = ['admin', 'interviewer'] as const;
export const UserRoleSchema = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof UserRoleSchema>;

/** The httpOnly, SameSite=Strict cookie holding a staff session token. */
export const SESSION_COOKIE = 'assay_session';

/**
 * Header every state-changing request made with a session cookie must carry,
 * with the `csrfToken` of `GET /api/auth/me` or the login answer. A cross-site
 * page can neither read that token nor set a custom header without CORS.
 */
export const CSRF_HEADER = 'x-csrf-token';

/** Candidates send their invite token as `Authorization: Bearer <token>`. */
export const CANDIDATE_AUTH_SCHEME = 'Bearer';

export const PasswordSchema = z.string().min(12, 'must be at least 12 characters').max(1024);
const EmailSchema = z.email().max(320).transform((e) => e.toLowerCase());

export const LoginBodySchema = z.strictObject({ email: EmailSchema, password: z.string().min(1).max(1024) });
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const UserSchema = z.object({
  id: IdSchema,
  email: z.string(),
  name: z.string(),
  role: UserRoleSchema,
  disabled: z.boolean(),
  createdAt: TimestampSchema,
});
export type User = z.infer<typeof UserSchema>;

/** Answer of login and `GET /api/auth/me`. */
export const SessionInfoSchema = z.object({
  user: UserSchema,
  csrfToken: z.string(),
  expiresAt: TimestampSchema,
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const CreateUserBodySchema = z.strictObject({
  email: EmailSchema,
  name: z.string().trim().min(1).max(200),
  role: UserRoleSchema,
  password: PasswordSchema,
});
export type CreateUserBody = z.infer<typeof CreateUserBodySchema>;

/** Disabling a user or changing their password or role ends all their sessions. */
export const UpdateUserBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    role: UserRoleSchema.optional(),
    disabled: z.boolean().optional(),
    password: PasswordSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type UpdateUserBody = z.infer<typeof UpdateUserBodySchema>;

export const UserListSchema = z.object({ users: z.array(UserSchema) });
