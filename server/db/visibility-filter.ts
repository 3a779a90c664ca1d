/** Restricting a query to the rows a principal may read (the SQL form of access-policy's canSee). */
import type { Knex } from 'knex';
import type { VisibilityScope } from '../services/access-policy.ts';

/** Add `WHERE (corridor in scope OR no corridor when allowed OR organisation in scope)` to `query`. */
export function whereVisible<Q extends Knex.QueryBuilder>(query: Q, scope: VisibilityScope, columns: { corridor: string; organisation: string }): Q {
  if (scope.everything) return query;
  return query.where((visible) => {
    visible.whereRaw('false');
    if (scope.corridorIds.length > 0) visible.orWhereIn(columns.corridor, scope.corridorIds);
    if (scope.includeNoCorridor) visible.orWhereNull(columns.corridor);
    if (scope.organisationIds.length > 0) visible.orWhereIn(columns.organisation, scope.organisationIds);
  }) as Q;
}
