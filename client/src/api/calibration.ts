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
  /** Keyed by the viewer's anonymized preference, which the server applies: toggling it asks again. */
  preview: (slug: string, anonymized: boolean) => ['rubric', slug, 'preview', anonymized] as const,
  agreement: (id: string, anonymized: boolean) => ['agreement', id, anonymized] as const,
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
/** Names or pseudonyms: the server decides by the viewer's stored anonymized preference. */
export const fetchPreview = (slug: string, signal?: AbortSignal) => apiRequest(`/api/rubrics/${enc(slug)}/preview`, { schema: RescorePreviewSchema, signal });
/** `body.draftHash` is the previewed draft's: a 409 CONFLICT when the draft changed since. */
export const publishDraft = (slug: string, body: PublishRubricBody) => apiRequest(`/api/rubrics/${enc(slug)}/publish`, { method: 'POST', body, schema: PublishRubricResultSchema });

export const fetchAgreement = (assessmentId: string, signal?: AbortSignal) =>
  apiRequest(`/api/assessments/${enc(assessmentId)}/agreement`, { schema: AgreementSchema, signal });
/** Where the browser downloads the CSV from (a plain link: the session cookie authenticates it; pseudonyms for an anonymized viewer). */
export const exportCsvUrl = (assessmentId: string) => `/api/assessments/${enc(assessmentId)}/export.csv`;

export const fetchWebhook = (signal?: AbortSignal) => apiRequest('/api/webhook', { schema: WebhookSettingsSchema, signal });
/** Saving for the first time without a secret makes one, answered once in `secret`. */
export const saveWebhook = (body: SaveWebhookBody) => apiRequest('/api/webhook', { method: 'PUT', body, schema: SavedWebhookSchema });
export const sendTestEvent = () => apiRequest('/api/webhook/test', { method: 'POST', schema: WebhookDeliverySchema });
export const fetchDeliveries = (signal?: AbortSignal) => apiRequest('/api/webhook/deliveries', { schema: WebhookDeliveryListSchema, signal });
