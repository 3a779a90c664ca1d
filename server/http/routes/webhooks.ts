/**
 * An organisation's webhook (its partners and admins): where decisions on its bookings and alerts on
 * its aircraft are POSTed, signed with a secret shown once; and the record of deliveries.
 */
import { randomBytes } from 'node:crypto';
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { Page, WebhookDeliveryView, WebhookView } from '../../contracts/index.ts';
import type { AuditActor } from '../../db/audit-repository.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { isAdmin, organisationsOf } from '../../services/access-policy.ts';
import { actorOf, allow, principalOf } from '../access.ts';
import { isUuid, parseInput } from '../parse-input.ts';

export interface WebhookRouteDeps {
  findWebhook: (organisationId: string) => Promise<WebhookView | null>;
  saveWebhook: (organisationId: string, url: string, secret: string, actor: AuditActor) => Promise<WebhookView>;
  deleteWebhook: (organisationId: string, actor: AuditActor) => Promise<boolean>;
  listDeliveries: (organisationId: string, limit: number) => Promise<WebhookDeliveryView[]>;
  /** Loopback and private addresses are refused unless this is set (a webhook must not reach inside our network). */
  allowPrivateWebhooks: boolean;
}

const webhookSchema = z.object({ url: z.url({ protocol: /^https?$/ }).max(2000) }).strict();
const PRIVATE_HOST = /^(localhost|.*\.local|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|0\.0\.0\.0|\[.*\])$/i;

export function webhookRoutes(deps: WebhookRouteDeps): Router {
  const router = Router();
  const organisationOf = (response: Response, id: string) => {
    const principal = principalOf(response);
    if (!isUuid(id) || !(isAdmin(principal) || organisationsOf(principal).includes(id))) throw new NotFoundError(`No organisation '${id}' of yours`);
    return id;
  };

  router.get('/organisations/:id/webhook', allow(['partner', 'admin']), async (request, response) => {
    const webhook = await deps.findWebhook(organisationOf(response, request.params.id));
    if (!webhook) throw new NotFoundError('This organisation has no webhook');
    response.json(webhook);
  });
  router.put('/organisations/:id/webhook', allow(['partner', 'admin']), async (request, response) => {
    const organisationId = organisationOf(response, request.params.id);
    const { url } = parseInput(webhookSchema, request.body, 'Body field');
    if (!deps.allowPrivateWebhooks && PRIVATE_HOST.test(new URL(url).hostname)) throw new ValidationError(`Body field 'url': ${new URL(url).hostname} is a private or loopback address`);
    response.json(await deps.saveWebhook(organisationId, url, randomBytes(24).toString('base64url'), actorOf(request, response)));
  });
  router.delete('/organisations/:id/webhook', allow(['partner', 'admin']), async (request, response) => {
    if (!(await deps.deleteWebhook(organisationOf(response, request.params.id), actorOf(request, response)))) throw new NotFoundError('This organisation has no webhook');
    response.status(204).end();
  });
  router.get('/organisations/:id/webhook/deliveries', allow(['partner', 'admin']), async (request, response) => {
    const body: Page<WebhookDeliveryView> = { items: await deps.listDeliveries(organisationOf(response, request.params.id), 100), nextCursor: null };
    response.json(body);
  });
  return router;
}
