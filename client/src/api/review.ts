import type { z } from 'zod';
import {
  ActivityListSchema, AssessmentBoardSchema, AssessmentOverviewListSchema, AssessmentSchema, BulkInvitationResultSchema, ChallengeListSchema,
  CreatedInvitationSchema, InvitationSchema, ReviewListSchema, ReviewMeasurementsSchema, ReviewSchema, SimilarityReportSchema,
  SessionInfoSchema, StaffPreferencesSchema, SubmissionDetailSchema, SubmissionListSchema, SubmissionStarterSchema, UserListSchema, UserSchema,
  type BulkInvitationBody, type CreateAssessmentBody, type CreateInvitationBody, type CreateUserBody, type SaveReviewBody,
  type UpdateInvitationBody, type UpdateStaffPreferencesBody, type UpdateUserBody,
} from '@assay/shared';
import { apiRequest } from './review.http';

const get = <S extends z.ZodType>(url: string, schema: S) => apiRequest('GET', url, schema);

/** Typed calls of the interviewer's screens; every answer is parsed with its shared schema. */
export const reviewApi = {
  assessments: () => get('/api/dashboard/assessments', AssessmentOverviewListSchema),
  board: (id: string) => get(`/api/dashboard/assessments/${id}`, AssessmentBoardSchema),
  catalogue: () => get('/api/challenges', ChallengeListSchema),
  createAssessment: (body: CreateAssessmentBody) => apiRequest('POST', '/api/assessments', AssessmentSchema, body),
  invite: (assessmentId: string, body: CreateInvitationBody) => apiRequest('POST', `/api/assessments/${assessmentId}/invitations`, CreatedInvitationSchema, body),
  inviteMany: (assessmentId: string, body: BulkInvitationBody) => apiRequest('POST', `/api/assessments/${assessmentId}/invitations/bulk`, BulkInvitationResultSchema, body),
  changeInvitation: (id: string, body: UpdateInvitationBody) => apiRequest('PATCH', `/api/invitations/${id}`, InvitationSchema, body),
  invitation: (id: string) => get(`/api/invitations/${id}`, InvitationSchema),
  submissionsOf: (invitationId: string) => get(`/api/invitations/${invitationId}/submissions`, SubmissionListSchema),
  activity: (invitationId: string) => get(`/api/invitations/${invitationId}/activity`, ActivityListSchema),
  reviews: (invitationId: string) => get(`/api/invitations/${invitationId}/reviews`, ReviewListSchema),
  saveReview: (invitationId: string, body: SaveReviewBody) => apiRequest('PUT', `/api/invitations/${invitationId}/review`, ReviewSchema, body),
  submission: (id: string) => get(`/api/submissions/${id}`, SubmissionDetailSchema),
  measurements: (id: string) => get(`/api/submissions/${id}/measurements`, ReviewMeasurementsSchema),
  starter: (id: string) => get(`/api/submissions/${id}/starter`, SubmissionStarterSchema),
  similarity: (id: string) => get(`/api/submissions/${id}/similarity`, SimilarityReportSchema),
  preferences: () => get('/api/auth/me/preferences', StaffPreferencesSchema),
  savePreferences: (body: UpdateStaffPreferencesBody) => apiRequest('PATCH', '/api/auth/me/preferences', StaffPreferencesSchema, body),
  users: () => get('/api/users', UserListSchema),
  createUser: (body: CreateUserBody) => apiRequest('POST', '/api/users', UserSchema, body),
  changeUser: (id: string, body: UpdateUserBody) => apiRequest('PATCH', `/api/users/${id}`, UserSchema, body),
};

/** Who is signed in (the staff session). */
export const fetchMe = () => apiRequest('GET', '/api/auth/me', SessionInfoSchema);
