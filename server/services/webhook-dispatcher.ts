/**
 * Tells partners' systems what happened (decisions on their bookings, alerts on their aircraft) by
 * POSTing JSON to their organisation's webhook. Each body is signed: `X-Corridor-Signature:
 * sha256=<hex HMAC-SHA256 of the body with the webhook's secret>`. A delivery that fails (no 2xx)
 * is tried again after 1 s, 5 s and 30 s; every attempt is recorded. Never blocks the caller.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { WebhookTarget } from '../db/webhook-repository.ts';

export interface WebhookDispatcherDeps {
  findTarget(organisationId: string): Promise<WebhookTarget | null>;
  createDelivery(webhookId: string, event: string, payload: unknown, nowMs: number): Promise<string>;
  recordAttempt(deliveryId: string, outcome: { status: number | null; error: string | null; deliveredAtMs: number | null }): Promise<void>;
  /** POST `body` to `url`; resolves with the HTTP status, rejects when nothing answered. */
  post(url: string, body: string, headers: Record<string, string>): Promise<number>;
  clock: () => number;
  logger: Logger;
  /** Waits before the 2nd, 3rd and 4th attempts. */
  retryDelaysMs?: readonly number[];
}

const DEFAULT_RETRY_DELAYS_MS = [1000, 5000, 30_000];

/** The signature header's value for `body`. */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export class WebhookDispatcher {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly deps: WebhookDispatcherDeps) {}

  /** Queue `event` for `organisationId`'s webhook, if it has one. */
  dispatch(organisationId: string, event: string, data: unknown): void {
    this.deliver(organisationId, event, data).catch((error: Error) => this.deps.logger.warn({ err: error, organisationId, event }, 'webhook delivery could not be recorded'));
  }

  /** Stop retrying (on shutdown); attempts in flight finish. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
  }

  private async deliver(organisationId: string, event: string, data: unknown): Promise<void> {
    const target = await this.deps.findTarget(organisationId);
    if (!target) return;
    const sentAtMs = this.deps.clock();
    const body = JSON.stringify({ id: randomUUID(), event, organisationId, sentAtMs, data });
    const deliveryId = await this.deps.createDelivery(target.id, event, JSON.parse(body), sentAtMs);
    const headers = { 'content-type': 'application/json', 'x-corridor-event': event, 'x-corridor-delivery': deliveryId, 'x-corridor-signature': signWebhookBody(target.secret, body) };
    await this.attempt(target, deliveryId, body, headers, 0);
  }

  private async attempt(target: WebhookTarget, deliveryId: string, body: string, headers: Record<string, string>, attempt: number): Promise<void> {
    let outcome: { status: number | null; error: string | null };
    try {
      const status = await this.deps.post(target.url, body, headers);
      outcome = { status, error: status >= 200 && status < 300 ? null : `HTTP ${status}` };
    } catch (error) {
      outcome = { status: null, error: (error as Error).message };
    }
    const delivered = outcome.error === null;
    await this.deps.recordAttempt(deliveryId, { ...outcome, deliveredAtMs: delivered ? this.deps.clock() : null });
    const delays = this.deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    if (delivered || this.stopped || attempt >= delays.length) {
      if (!delivered) this.deps.logger.warn({ organisationId: target.organisationId, deliveryId, error: outcome.error }, 'webhook delivery failed');
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(target, deliveryId, body, headers, attempt + 1);
    }, delays[attempt]);
    timer.unref();
    this.timers.add(timer);
  }
}
