/** GET /api/audit — recorded changes, newest first: admins all; operators and regulators their corridors'; partners their organisation's. */
import { Router } from 'express';
import { z } from 'zod';
import type { AccountDirectory } from '../../db/account-directory.ts';
import { ValidationError } from '../../errors.ts';
import { visibilityOf } from '../../services/access-policy.ts';
import { allow, principalOf } from '../access.ts';
import { parseCursor, parseInput } from '../parse-input.ts';

const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).max(500).optional(),
  action: z.string().regex(/^[a-z-]+\.[a-z-]+$/, "an action such as 'zone.revise'").optional(),
  resourceId: z.string().min(1).max(100).optional(),
}).strict();

export function auditRoutes(deps: { accounts: AccountDirectory }): Router {
  const router = Router();
  router.get('/audit', allow('signed-in'), async (request, response) => {
    const query = parseInput(auditQuerySchema, request.query, 'Query parameter');
    const cursor = query.cursor ? parseCursor(query.cursor, ['id']) : null;
    if (cursor && !/^\d+$/.test(cursor.id)) throw new ValidationError("Query parameter 'cursor': not a cursor this server issued");
    response.json(await deps.accounts.listAudit({ scope: visibilityOf(principalOf(response)), limit: query.limit, cursor, action: query.action, resourceId: query.resourceId }));
  });
  return router;
}
