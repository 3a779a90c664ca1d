/** Organisations' webhooks and the record of every delivery attempt. */
import type { Knex } from 'knex';
import type { WebhookDeliveryView, WebhookView } from '../contracts/index.ts';
import { recordAudit, type AuditActor } from './audit-repository.ts';

export interface WebhookTarget {
  id: string;
  organisationId: string;
  url: string;
  secret: string;
}

const toView = (row: Record<string, any>): WebhookView => ({ organisationId: row.organisation_id, url: row.url, createdAtMs: new Date(row.created_at).getTime() });

const viewOf = ({ target: _target, ...view }: WebhookView & { target: WebhookTarget }): WebhookView => view;

export async function findWebhook(knex: Knex, organisationId: string): Promise<(WebhookView & { target: WebhookTarget }) | null> {
  const row = await knex('webhooks').where({ organisation_id: organisationId }).first();
  return row ? { ...toView(row), target: { id: row.id, organisationId: row.organisation_id, url: row.url, secret: row.secret } } : null;
}

/** Set (or replace) an organisation's webhook; returns it with its new secret. */
export async function saveWebhook(knex: Knex, organisationId: string, url: string, secret: string, actor: AuditActor, nowMs: number): Promise<WebhookView> {
  return knex.transaction(async (trx) => {
    const before = await findWebhook(trx, organisationId);
    await trx('webhooks').insert({ organisation_id: organisationId, url, secret, created_at: new Date(nowMs) }).onConflict('organisation_id').merge(['url', 'secret', 'created_at']);
    const after = (await findWebhook(trx, organisationId))!;
    await recordAudit(trx, actor, { action: 'webhook.set', resourceType: 'organisation', resourceId: organisationId, organisationIds: [organisationId], before: before ? viewOf(before) : undefined, after: viewOf(after) }, nowMs);
    const { target: _target, ...view } = after;
    return { ...view, secret };
  });
}

export async function deleteWebhook(knex: Knex, organisationId: string, actor: AuditActor, nowMs: number): Promise<boolean> {
  return knex.transaction(async (trx) => {
    const before = await findWebhook(trx, organisationId);
    if (!before) return false;
    await trx('webhooks').where({ organisation_id: organisationId }).delete();
    await recordAudit(trx, actor, { action: 'webhook.delete', resourceType: 'organisation', resourceId: organisationId, organisationIds: [organisationId], before: viewOf(before) }, nowMs);
    return true;
  });
}

export async function createDelivery(knex: Knex, webhookId: string, event: string, payload: unknown, nowMs: number): Promise<string> {
  const [row] = await knex('webhook_deliveries').insert({ webhook_id: webhookId, event, payload: JSON.stringify(payload), created_at: new Date(nowMs) }).returning('id');
  return String(row.id);
}

export async function recordAttempt(knex: Knex, deliveryId: string, outcome: { status: number | null; error: string | null; deliveredAtMs: number | null }): Promise<void> {
  await knex('webhook_deliveries').where({ id: deliveryId }).update({
    attempts: knex.raw('attempts + 1'), last_status: outcome.status, last_error: outcome.error,
    delivered_at: outcome.deliveredAtMs === null ? null : new Date(outcome.deliveredAtMs),
  });
}

export async function listDeliveries(knex: Knex, organisationId: string, limit: number): Promise<WebhookDeliveryView[]> {
  const rows = await knex('webhook_deliveries').join('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
    .where('webhooks.organisation_id', organisationId).orderBy('webhook_deliveries.id', 'desc').limit(limit).select('webhook_deliveries.*');
  return rows.map((row) => ({
    id: String(row.id), event: row.event, attempts: row.attempts, lastStatus: row.last_status, lastError: row.last_error,
    createdAtMs: new Date(row.created_at).getTime(), deliveredAtMs: row.delivered_at ? new Date(row.delivered_at).getTime() : null,
  }));
}
