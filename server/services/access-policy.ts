/**
 * Who may see and change what — pure rules over a principal's grants, used by every HTTP route,
 * every query and every Socket.IO room, so the three always agree.
 *
 * - admin: reads everything; manages accounts, organisations and corridors (and their zones).
 * - operator of a corridor: sees everything in it, acts in it (zones, commands, imports).
 * - regulator of a corridor: reads everything in it, changes nothing.
 * - partner of an organisation: sees only its own aircraft, flights, logs and alerts.
 * Aircraft outside every corridor (corridorId null) are shown to every operator and regulator:
 * nobody else would see an aircraft that strayed out, and it is a safety matter.
 */
import type { GrantView, Role } from '../contracts/index.ts';

export type Grant = GrantView;

/** A signed-in person (session) or machine (API token) and what it holds. */
export interface Principal {
  userId: string;
  /** Set when signed in with a session cookie. */
  sessionId: string | null;
  /** Set when signed in with an API token (its one grant is the principal's only grant). */
  tokenId: string | null;
  /** How the audit log names it: the email, or "token <name> (<email>)". */
  label: string;
  grants: readonly Grant[];
}

/** What a record belongs to, for deciding who may see it. */
export interface Audience {
  corridorId: string | null;
  organisationId: string | null;
}

/** The rows a principal may read, as filters for a query. */
export interface VisibilityScope {
  everything: boolean;
  corridorIds: string[];
  organisationIds: string[];
  /** Rows with no corridor (aircraft outside every corridor). */
  includeNoCorridor: boolean;
}

/** Whether the principal holds any of `roles` (anywhere). */
export function hasRole(principal: Principal, roles: readonly Role[]): boolean {
  return principal.grants.some((grant) => roles.includes(grant.role));
}

export function isAdmin(principal: Principal): boolean {
  return hasRole(principal, ['admin']);
}

/** Corridors where the principal holds `role`. */
export function corridorsWhere(principal: Principal, role: 'operator' | 'regulator'): string[] {
  return principal.grants.flatMap((grant) => (grant.role === role ? [grant.corridorId] : []));
}

/** Organisations the principal is a partner member of. */
export function organisationsOf(principal: Principal): string[] {
  return principal.grants.flatMap((grant) => (grant.role === 'partner' ? [grant.organisationId] : []));
}

/** The rows the principal may read. */
export function visibilityOf(principal: Principal): VisibilityScope {
  const corridorIds = [...new Set([...corridorsWhere(principal, 'operator'), ...corridorsWhere(principal, 'regulator')])];
  return {
    everything: isAdmin(principal),
    corridorIds,
    organisationIds: [...new Set(organisationsOf(principal))],
    includeNoCorridor: corridorIds.length > 0,
  };
}

/** Whether the principal may see a record belonging to `audience`. */
export function canSee(principal: Principal, audience: Audience): boolean {
  const scope = visibilityOf(principal);
  if (scope.everything) return true;
  if (audience.corridorId === null ? scope.includeNoCorridor : scope.corridorIds.includes(audience.corridorId)) return true;
  return audience.organisationId !== null && scope.organisationIds.includes(audience.organisationId);
}

/** Whether the principal may act on aircraft in `corridorId` (commands): operators of it only. */
export function canOperate(principal: Principal, corridorId: string | null): boolean {
  const corridors = corridorsWhere(principal, 'operator');
  return corridorId === null ? corridors.length > 0 : corridors.includes(corridorId);
}

/** Whether the principal may change `corridorId`'s zones: its operators and admins. */
export function canMaintainZones(principal: Principal, corridorId: string): boolean {
  return isAdmin(principal) || corridorsWhere(principal, 'operator').includes(corridorId);
}

/**
 * Whose aircraft a flight log the principal imports may hold: null → any (admins, and operators, who
 * import logs handed to them); otherwise only aircraft of these organisations (a partner's own).
 */
export function flightLogOwnersFor(principal: Principal): readonly string[] | null {
  return hasRole(principal, ['admin', 'operator']) ? null : [...new Set(organisationsOf(principal))];
}

/** Whether `grant` is one the principal may hand to an API token: one it holds itself (admins: any). */
export function canDelegate(principal: Principal, grant: Grant): boolean {
  return isAdmin(principal) || principal.grants.some((held) => sameGrant(held, grant));
}

export function sameGrant(a: Grant, b: Grant): boolean {
  if (a.role !== b.role) return false;
  if ('corridorId' in a && 'corridorId' in b) return a.corridorId === b.corridorId;
  if ('organisationId' in a && 'organisationId' in b) return a.organisationId === b.organisationId;
  return a.role === 'admin';
}

/** The Socket.IO rooms a client of `principal` joins; an event reaches it when one is in `roomsFor`. */
export function roomsOf(principal: Principal): string[] {
  const scope = visibilityOf(principal);
  if (scope.everything) return ['everything'];
  return [
    ...scope.corridorIds.map((id) => `corridor:${id}`),
    ...(scope.includeNoCorridor ? ['no-corridor'] : []),
    ...scope.organisationIds.map((id) => `organisation:${id}`),
  ];
}

/** The rooms a live event about `audience` goes to (the same rule as canSee). */
export function roomsFor(audience: Audience): string[] {
  return [
    'everything',
    audience.corridorId === null ? 'no-corridor' : `corridor:${audience.corridorId}`,
    ...(audience.organisationId === null ? [] : [`organisation:${audience.organisationId}`]),
  ];
}
