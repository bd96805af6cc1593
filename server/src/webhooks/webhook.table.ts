import type { ColumnType, Generated, Selectable } from 'kysely';
import type { WebhookDeliveryStatus } from '@assay/shared';

/** The organisation's one webhook (row id 1). */
export interface WebhookSettingsTable {
  id: number;
  url: string;
  /** HMAC key; shown to admins only as its last 4 characters after it is saved. */
  secret: string;
  enabled: boolean;
  updated_by: string;
  updated_at: Date;
}
export type WebhookSettingsRow = Selectable<WebhookSettingsTable>;

/** One event sent (or being sent) to the webhook; `body` is the exact bytes signed. */
export interface WebhookDeliveriesTable {
  id: Generated<string>;
  event: string;
  url: string;
  body: string;
  status: Generated<WebhookDeliveryStatus>;
  attempts: Generated<number>;
  last_status_code: number | null;
  last_error: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
}
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
