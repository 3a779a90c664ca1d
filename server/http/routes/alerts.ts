/**
 * GET /api/alerts — the alerts the caller may see, newest first, paged (`since` and
 * `unacknowledged` let a page catch up after a reconnect); POST /api/alerts/:id/ack — an operator
 * of the alert's corridor acknowledges it with a comment (who and when are recorded and audited).
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AlertView, Page } from '../../contracts/index.ts';
import type { AlertFilter } from '../../db/alert-repository.ts';
import type { AuditActor } from '../../db/audit-repository.ts';
import { ForbiddenError, NotFoundError } from '../../errors.ts';
import { canOperate, canSee, visibilityOf } from '../../services/access-policy.ts';
import { actorOf, allow, principalOf } from '../access.ts';
import { isUuid, parseCursor, parseInput } from '../parse-input.ts';

export interface AlertRouteDeps {
  listAlerts: (options: AlertFilter) => Promise<Page<AlertView>>;
  /** The alert, once every alert raised so far is stored (they are written behind the live path). */
  findAlert: (id: string) => Promise<AlertView | null>;
  acknowledgeAlert: (id: string, comment: string, actor: AuditActor) => Promise<AlertView>;
  onAlertAcknowledged: (alert: AlertView) => void;
}

const listSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).max(500).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  unacknowledged: z.enum(['true', 'false']).default('false'),
}).strict();
const ackSchema = z.object({ comment: z.string().trim().min(1, 'say what was done').max(1000) }).strict();

export function alertRoutes(deps: AlertRouteDeps): Router {
  const router = Router();
  router.get('/alerts', allow('signed-in'), async (request, response) => {
    const query = parseInput(listSchema, request.query, 'Query parameter');
    response.json(await deps.listAlerts({
      limit: query.limit, cursor: query.cursor ? parseCursor(query.cursor, ['raisedAt', 'id']) : null, scope: visibilityOf(principalOf(response)),
      sinceMs: query.since ? Date.parse(query.since) : undefined, unacknowledgedOnly: query.unacknowledged === 'true',
    }));
  });
  router.post('/alerts/:id/ack', allow(['operator']), async (request, response) => {
    const principal = principalOf(response);
    const alert = isUuid(request.params.id) ? await deps.findAlert(request.params.id) : null;
    if (!alert || !canSee(principal, alert)) throw new NotFoundError(`No alert '${request.params.id}'`);
    const { comment } = parseInput(ackSchema, request.body, 'Body field');
    if (!canOperate(principal, alert.corridorId)) throw new ForbiddenError('Only operators of the alert’s corridor may acknowledge it');
    const acknowledged = await deps.acknowledgeAlert(alert.id, comment, actorOf(request, response));
    deps.onAlertAcknowledged(acknowledged);
    response.json(acknowledged);
  });
  return router;
}
