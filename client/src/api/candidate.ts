import {
  ActivityListSchema, CandidateAssessmentSchema, CandidateSubmissionSchema, DraftSchema, SubmissionListSchema, SubmissionSummarySchema,
  type ActivityList, type CandidateAssessment, type CandidateSubmission, type CreateSubmissionBody, type Draft, type RecordActivityBody,
  type SaveDraftBody, type SubmissionSummary,
} from '@assay/shared';
import { apiRequest } from './http';

/** Every call authenticates with the invite token from the candidate's link (`Authorization: Bearer`). */
const as = (token: string) => ({ auth: 'candidate' as const, token });

export function fetchCandidateAssessment(token: string, signal?: AbortSignal): Promise<CandidateAssessment> {
  return apiRequest('/api/candidate/assessment', { ...as(token), schema: CandidateAssessmentSchema, signal });
}

/** Starts the server-side clock; answers the assessment with prompts, files and the deadline. */
export function startAssessment(token: string): Promise<CandidateAssessment> {
  return apiRequest('/api/candidate/start', { ...as(token), method: 'POST', schema: CandidateAssessmentSchema });
}

/** Ends the assessment early. */
export function finishAssessment(token: string): Promise<CandidateAssessment> {
  return apiRequest('/api/candidate/finish', { ...as(token), method: 'POST', schema: CandidateAssessmentSchema });
}

/** Saves a draft; a `baseRevision` older than the server's answers 409 CONFLICT. */
export function saveDraft(token: string, slug: string, body: SaveDraftBody, opts: { keepalive?: boolean } = {}): Promise<Draft> {
  return apiRequest(`/api/candidate/challenges/${encodeURIComponent(slug)}/draft`, { ...as(token), method: 'PUT', body, schema: DraftSchema, keepalive: opts.keepalive });
}

/** Queues a test run (`kind: 'test'`) or the graded submission (`kind: 'final'`). */
export function createSubmission(token: string, slug: string, body: CreateSubmissionBody): Promise<SubmissionSummary> {
  return apiRequest(`/api/candidate/challenges/${encodeURIComponent(slug)}/submissions`, { ...as(token), method: 'POST', body, schema: SubmissionSummarySchema });
}

export async function listCandidateSubmissions(token: string, signal?: AbortSignal): Promise<SubmissionSummary[]> {
  return (await apiRequest('/api/candidate/submissions', { ...as(token), schema: SubmissionListSchema, signal })).submissions;
}

export function fetchCandidateSubmission(token: string, id: string, signal?: AbortSignal): Promise<CandidateSubmission> {
  return apiRequest(`/api/candidate/submissions/${encodeURIComponent(id)}`, { ...as(token), schema: CandidateSubmissionSchema, signal });
}

/** Reports browser-side activity (paste size, focus lost/regained). */
export async function recordActivity(token: string, body: RecordActivityBody, opts: { keepalive?: boolean } = {}): Promise<void> {
  await apiRequest('/api/candidate/activity', { ...as(token), method: 'POST', body, schema: null, keepalive: opts.keepalive });
}

/** The candidate's own activity log, exactly as reviewers see it. */
export function fetchActivity(token: string, signal?: AbortSignal): Promise<ActivityList> {
  return apiRequest('/api/candidate/activity', { ...as(token), schema: ActivityListSchema, signal });
}
