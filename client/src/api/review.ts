import type { z } from 'zod';
import {
  ActivityListSchema, AssessmentBoardSchema, AssessmentOverviewListSchema, AssessmentSchema, BulkInvitationResultSchema, ChallengeListSchema,
  CreatedInvitationSchema, InvitationSchema, ReviewListSchema, ReviewMeasurementsSchema, ReviewSchema, SimilarityReportSchema,
  StaffPreferencesSchema, SubmissionDetailSchema, SubmissionListSchema, SubmissionStarterSchema, UserListSchema, UserSchema,
  type BulkInvitationBody, type CreateAssessmentBody, type CreateInvitationBody, type CreateUserBody, type SaveReviewBody,
  type UpdateInvitationBody, type UpdateStaffPreferencesBody, type UpdateUserBody,
} from '@assay/shared';
import { ApiError, apiRequest } from './http';

const get = <S extends z.ZodType>(url: string, schema: S) => apiRequest(url, { schema });
const send = <S extends z.ZodType>(method: 'POST' | 'PUT' | 'PATCH', url: string, schema: S, body: unknown) => apiRequest(url, { method, schema, body });

/** The fields a VALIDATION_FAILED answer names (`rows.1.candidateEmail`, …), or none. */
export function issuesOf(err: unknown): { path: string; message: string }[] {
  if (!(err instanceof ApiError)) return [];
  const issues = (err.details as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) ? (issues as { path: string; message: string }[]) : [];
}

/** Typed calls of the interviewer's screens; every answer is parsed with its shared schema. */
export const reviewApi = {
  assessments: () => get('/api/dashboard/assessments', AssessmentOverviewListSchema),
  board: (id: string) => get(`/api/dashboard/assessments/${id}`, AssessmentBoardSchema),
  catalogue: () => get('/api/challenges', ChallengeListSchema),
  createAssessment: (body: CreateAssessmentBody) => send('POST', '/api/assessments', AssessmentSchema, body),
  invite: (assessmentId: string, body: CreateInvitationBody) => send('POST', `/api/assessments/${assessmentId}/invitations`, CreatedInvitationSchema, body),
  inviteMany: (assessmentId: string, body: BulkInvitationBody) => send('POST', `/api/assessments/${assessmentId}/invitations/bulk`, BulkInvitationResultSchema, body),
  changeInvitation: (id: string, body: UpdateInvitationBody) => send('PATCH', `/api/invitations/${id}`, InvitationSchema, body),
  invitation: (id: string) => get(`/api/invitations/${id}`, InvitationSchema),
  submissionsOf: (invitationId: string) => get(`/api/invitations/${invitationId}/submissions`, SubmissionListSchema),
  activity: (invitationId: string) => get(`/api/invitations/${invitationId}/activity`, ActivityListSchema),
  reviews: (invitationId: string) => get(`/api/invitations/${invitationId}/reviews`, ReviewListSchema),
  saveReview: (invitationId: string, body: SaveReviewBody) => send('PUT', `/api/invitations/${invitationId}/review`, ReviewSchema, body),
  submission: (id: string) => get(`/api/submissions/${id}`, SubmissionDetailSchema),
  measurements: (id: string) => get(`/api/submissions/${id}/measurements`, ReviewMeasurementsSchema),
  starter: (id: string) => get(`/api/submissions/${id}/starter`, SubmissionStarterSchema),
  similarity: (id: string) => get(`/api/submissions/${id}/similarity`, SimilarityReportSchema),
  preferences: () => get('/api/auth/me/preferences', StaffPreferencesSchema),
  savePreferences: (body: UpdateStaffPreferencesBody) => send('PATCH', '/api/auth/me/preferences', StaffPreferencesSchema, body),
  users: () => get('/api/users', UserListSchema),
  createUser: (body: CreateUserBody) => send('POST', '/api/users', UserSchema, body),
  changeUser: (id: string, body: UpdateUserBody) => send('PATCH', `/api/users/${id}`, UserSchema, body),
};
