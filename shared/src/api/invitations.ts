import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

/** Where an invitation stands, derived from its timestamps at the time of asking. */
export const INVITATION_STATES = ['pending', 'started', 'finished', 'expired', 'revoked'] as const;
export const InvitationStateSchema = z.enum(INVITATION_STATES);
export type InvitationState = z.infer<typeof InvitationStateSchema>;

export const CreateInvitationBodySchema = z.strictObject({
  candidateName: z.string().trim().min(1).max(200),
  candidateEmail: z.email().max(320),
  /** How long the link may be opened to start. @defaultValue 168 (a week) */
  expiresInHours: z.number().int().min(1).max(24 * 90).default(168),
  /** Time accommodation on top of the assessment's time. @defaultValue 0 */
  extraTimeMinutes: z.number().int().min(0).max(1440).default(0),
});
export type CreateInvitationBody = z.input<typeof CreateInvitationBodySchema>;

/** Changing extra time of a started invitation moves its deadline. */
export const UpdateInvitationBodySchema = z
  .strictObject({
    extraTimeMinutes: z.number().int().min(0).max(1440).optional(),
    expiresInHours: z.number().int().min(1).max(24 * 90).optional(),
    revoked: z.literal(true).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type UpdateInvitationBody = z.infer<typeof UpdateInvitationBodySchema>;

/** An invitation as staff see it (never its token, which is stored only as a hash). */
export const InvitationSchema = z.object({
  id: IdSchema,
  assessmentId: IdSchema,
  candidateName: z.string(),
  candidateEmail: z.string(),
  state: InvitationStateSchema,
  createdAt: TimestampSchema,
  expiresAt: TimestampSchema,
  extraTimeMinutes: z.number().int(),
  startedAt: TimestampSchema.nullable(),
  deadlineAt: TimestampSchema.nullable(),
  finishedAt: TimestampSchema.nullable(),
  revokedAt: TimestampSchema.nullable(),
});
export type Invitation = z.infer<typeof InvitationSchema>;

/** Answer of creating an invitation: the only time the token is shown. */
export const CreatedInvitationSchema = z.object({
  invitation: InvitationSchema,
  token: z.string(),
  /** Path of the candidate's link on this server: `/take/<token>`. */
  path: z.string(),
});
export type CreatedInvitation = z.infer<typeof CreatedInvitationSchema>;

export const InvitationListSchema = z.object({ invitations: z.array(InvitationSchema) });
