import {
  AgreementSchema, AssessmentListSchema, ChallengeListSchema, PublishRubricResultSchema, RescorePreviewSchema, RubricOverviewSchema,
  RubricVersionListSchema, SavedWebhookSchema, WebhookDeliveryListSchema, WebhookDeliverySchema, WebhookSettingsSchema,
  type PublishRubricBody, type SaveWebhookBody,
} from '@assay/shared';
import { apiRequest } from './http';

/** Panel calibration: rubric versions and drafts, preview, publish, agreement, export, webhook. */
export const calibrationKeys = {
  challenges: ['challenges'] as const,
  assessments: ['assessments'] as const,
  rubric: (slug: string) => ['rubric', slug] as const,
  versions: (slug: string) => ['rubric', slug, 'versions'] as const,
  preview: (slug: string, anonymize: boolean) => ['rubric', slug, 'preview', anonymize] as const,
  agreement: (id: string, anonymize: boolean) => ['agreement', id, anonymize] as const,
  webhook: ['webhook'] as const,
  deliveries: ['webhook', 'deliveries'] as const,
};

const enc = encodeURIComponent;

export const fetchChallenges = (signal?: AbortSignal) => apiRequest('/api/challenges', { schema: ChallengeListSchema, signal });
export const fetchAssessments = (signal?: AbortSignal) => apiRequest('/api/assessments', { schema: AssessmentListSchema, signal });

export const fetchRubric = (slug: string, signal?: AbortSignal) => apiRequest(`/api/rubrics/${enc(slug)}`, { schema: RubricOverviewSchema, signal });
export const fetchVersions = (slug: string, signal?: AbortSignal) => apiRequest(`/api/rubrics/${enc(slug)}/versions`, { schema: RubricVersionListSchema, signal });
/** Saves the shared draft (the server sets its slug and version number); answers the new overview. */
export const saveDraft = (slug: string, rubric: unknown) => apiRequest(`/api/rubrics/${enc(slug)}/draft`, { method: 'PUT', body: { rubric }, schema: RubricOverviewSchema });
export const discardDraft = (slug: string) => apiRequest(`/api/rubrics/${enc(slug)}/draft`, { method: 'DELETE', schema: null });
export const fetchPreview = (slug: string, anonymize: boolean, signal?: AbortSignal) =>
  apiRequest(`/api/rubrics/${enc(slug)}/preview?anonymize=${anonymize}`, { schema: RescorePreviewSchema, signal });
export const publishDraft = (slug: string, body: PublishRubricBody) => apiRequest(`/api/rubrics/${enc(slug)}/publish`, { method: 'POST', body, schema: PublishRubricResultSchema });

export const fetchAgreement = (assessmentId: string, anonymize: boolean, signal?: AbortSignal) =>
  apiRequest(`/api/assessments/${enc(assessmentId)}/agreement?anonymize=${anonymize}`, { schema: AgreementSchema, signal });
/** Where the browser downloads the CSV from (a plain link: the session cookie authenticates it). */
export const exportCsvUrl = (assessmentId: string) => `/api/assessments/${enc(assessmentId)}/export.csv`;

export const fetchWebhook = (signal?: AbortSignal) => apiRequest('/api/webhook', { schema: WebhookSettingsSchema, signal });
/** Saving for the first time without a secret makes one, answered once in `secret`. */
export const saveWebhook = (body: SaveWebhookBody) => apiRequest('/api/webhook', { method: 'PUT', body, schema: SavedWebhookSchema });
export const sendTestEvent = () => apiRequest('/api/webhook/test', { method: 'POST', schema: WebhookDeliverySchema });
export const fetchDeliveries = (signal?: AbortSignal) => apiRequest('/api/webhook/deliveries', { schema: WebhookDeliveryListSchema, signal });
