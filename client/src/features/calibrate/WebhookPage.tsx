import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { SaveWebhookBodySchema } from '@assay/shared';
import { ApiErrorView, Badge, Button, Card, Checkbox, Field, Loading, Page, Table, TextInput, useToast } from '../../ui';
import { calibrationKeys, fetchDeliveries, fetchWebhook, saveWebhook, sendTestEvent } from '../../api/calibration';
import './calibrate.css';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }) : '–');
const TONE = { delivered: 'success', pending: 'warning', failed: 'danger' } as const;

/** The organisation's webhook (admins): URL, secret, on/off, a test event, and the delivery log. */
export default function WebhookPage() {
  const qc = useQueryClient();
  const toast = useToast();
  const settings = useQuery({ queryKey: calibrationKeys.webhook, queryFn: ({ signal }) => fetchWebhook(signal) });
  const deliveries = useQuery({
    queryKey: calibrationKeys.deliveries,
    queryFn: ({ signal }) => fetchDeliveries(signal),
    // Pending deliveries are retried in the background: watch them settle.
    refetchInterval: (q) => (q.state.data?.deliveries.some((d) => d.status === 'pending') ? 2000 : false),
  });
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [enabled, setEnabled] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [shownSecret, setShownSecret] = useState<string | null>(null);
  useEffect(() => {
    if (settings.data) {
      setUrl(settings.data.url ?? '');
      setEnabled(settings.data.configured ? settings.data.enabled : true);
    }
  }, [settings.data]);

  const save = useMutation({
    mutationFn: () => saveWebhook({ url, enabled, ...(secret ? { secret } : {}) }),
    onSuccess: (res) => {
      qc.setQueryData(calibrationKeys.webhook, res);
      setSecret('');
      setShownSecret(res.secret ?? null);
      toast('Webhook saved.', { tone: 'success' });
    },
  });
  const test = useMutation({
    mutationFn: sendTestEvent,
    onSuccess: () => {
      toast('Test event queued; it shows in the log below.', { tone: 'info' });
      void qc.invalidateQueries({ queryKey: calibrationKeys.deliveries });
    },
  });
  const onSave = () => {
    const parsed = SaveWebhookBodySchema.safeParse({ url, enabled, ...(secret ? { secret } : {}) });
    if (!parsed.success) return setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
    setErrors({});
    save.mutate();
  };

  return (
    <Page title="Webhook" actions={<Link to="/calibrate">Calibration</Link>}>
      <Card title="Where Assay sends results">
        <p className="muted">Called on each final score (<code>score.final</code>) and each reviewer decision (<code>review.decision</code>). Every call is signed: <code>X-Assay-Signature: v1=HMAC-SHA256(secret, timestamp + "." + body)</code> with <code>X-Assay-Timestamp</code> in Unix seconds; refuse a timestamp more than 5 minutes away from your clock and deduplicate on <code>X-Assay-Delivery</code>. Failed calls are retried with exponential backoff (8 attempts over about 4 minutes).</p>
        {settings.isPending ? <Loading /> : settings.isError ? <ApiErrorView error={settings.error} onRetry={() => void settings.refetch()} /> : (
          <form noValidate onSubmit={(e) => { e.preventDefault(); onSave(); }}>
            <Field label="URL" hint="https:// in production." error={errors.url ?? null}>
              <TextInput type="url" value={url} placeholder="https://ats.example.com/hooks/assay" onChange={(e) => setUrl(e.target.value)} />
            </Field>
            <Field label="Secret" hint={settings.data.configured ? `Saved secret ends in ${settings.data.secretHint}. Leave empty to keep it.` : 'Leave empty and Assay makes one (shown once).'} error={errors.secret ?? null}>
              <TextInput type="password" autoComplete="new-password" value={secret} onChange={(e) => setSecret(e.target.value)} />
            </Field>
            <Checkbox label="Send events" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
            <div className="row-actions">
              <Button type="submit" variant="primary" busy={save.isPending}>Save</Button>
              <Button busy={test.isPending} disabled={!settings.data.configured || !settings.data.enabled} onClick={() => test.mutate()}>Send test event</Button>
            </div>
            {save.isError && <ApiErrorView error={save.error} title="Not saved" />}
            {test.isError && <ApiErrorView error={test.error} title="Test event not sent" />}
            {shownSecret && (
              <div className="callout callout-warning" role="status">
                <p>The secret Assay made (copy it now; it is not shown again):</p>
                <p className="mono-block">{shownSecret}</p>
              </div>
            )}
          </form>
        )}
      </Card>
      <Card title="Delivery log">
        {deliveries.isPending ? <Loading /> : deliveries.isError ? <ApiErrorView error={deliveries.error} onRetry={() => void deliveries.refetch()} /> : (
          <Table
            caption="The latest 100 deliveries, newest first"
            hideCaption
            rows={deliveries.data.deliveries}
            rowKey={(d) => d.id}
            empty="Nothing sent yet."
            columns={[
              { header: 'event', cell: (d) => <code>{d.event}</code> },
              { header: 'status', cell: (d) => <Badge tone={TONE[d.status]}>{d.status}</Badge> },
              { header: 'attempts', cell: (d) => d.attempts, numeric: true },
              { header: 'last answer', cell: (d) => d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '–') },
              { header: 'created', cell: (d) => when(d.createdAt) },
              { header: 'delivered', cell: (d) => when(d.deliveredAt) },
            ]}
          />
        )}
      </Card>
    </Page>
  );
}
