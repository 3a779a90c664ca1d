/**
 * People, their role grants, and organisations. Every change is audited in its own transaction
 * (before and after; password hashes are never written to the audit log).
 */
import type { Knex } from 'knex';
import type { GrantView, OrganisationView, Page, UserView } from '../contracts/index.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { recordAudit, type AuditActor } from './audit-repository.ts';
import { encodeCursor } from './page-cursor.ts';

/** What signing in needs to know of an account. */
export interface AccountCredentials {
  id: string;
  email: string;
  passwordHash: string | null;
  isDisabled: boolean;
}

export interface NewUser {
  email: string;
  displayName: string;
  passwordHash: string | null;
  organisationId: string | null;
  grants: readonly GrantView[];
}

export interface UserChanges {
  displayName?: string;
  organisationId?: string | null;
  disabled?: boolean;
  passwordHash?: string;
}

const MESSAGES = {
  noUser: (id: string) => `No user '${id}'`,
  emailTaken: (email: string) => `A user with email '${email}' already exists`,
  noOrganisation: (id: string) => `No organisation '${id}'`,
  organisationTaken: (name: string) => `An organisation named '${name}' already exists`,
} as const;

const grantRow = (userId: string, grant: GrantView) => ({
  user_id: userId,
  role: grant.role,
  corridor_id: 'corridorId' in grant ? grant.corridorId : null,
  organisation_id: 'organisationId' in grant ? grant.organisationId : null,
});

/** A stored grant row as the API shows it. */
export function toGrant(row: Record<string, any>): GrantView {
  if (row.role === 'operator' || row.role === 'regulator') return { role: row.role, corridorId: row.corridor_id! };
  if (row.role === 'partner') return { role: 'partner', organisationId: row.organisation_id! };
  return { role: 'admin' };
}

/** Corridors and organisations a set of grants concerns (who may read the audit entry about them). */
function grantAudience(grants: readonly GrantView[]) {
  return {
    corridorIds: grants.flatMap((grant) => ('corridorId' in grant ? [grant.corridorId] : [])),
    organisationIds: grants.flatMap((grant) => ('organisationId' in grant ? [grant.organisationId] : [])),
  };
}

export async function grantsOf(knex: Knex, userId: string): Promise<GrantView[]> {
  const rows = await knex('user_roles').where({ user_id: userId }).orderBy(['role', 'corridor_id', 'organisation_id']);
  return rows.map(toGrant);
}

async function usersWithGrants(knex: Knex, rows: Array<Record<string, any>>): Promise<UserView[]> {
  const grantRows = rows.length === 0 ? [] : await knex('user_roles').whereIn('user_id', rows.map((row) => row.id)).orderBy(['role', 'corridor_id', 'organisation_id']);
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    organisationId: row.organisation_id,
    grants: grantRows.filter((grant) => grant.user_id === row.id).map(toGrant),
    disabled: row.disabled_at !== null,
    createdAtMs: new Date(row.created_at).getTime(),
  }));
}

export async function findUser(knex: Knex, id: string): Promise<UserView | null> {
  const row = await knex('users').where({ id }).first();
  return row ? (await usersWithGrants(knex, [row]))[0]! : null;
}

export async function findCredentials(knex: Knex, email: string): Promise<AccountCredentials | null> {
  const row = await knex('users').whereRaw('lower(email) = lower(?)', [email]).first('id', 'email', 'password_hash', 'disabled_at');
  return row ? { id: row.id, email: row.email, passwordHash: row.password_hash, isDisabled: row.disabled_at !== null } : null;
}

/** Users by email, paged. */
export async function listUsers(knex: Knex, options: { limit: number; cursor: { email: string } | null }): Promise<Page<UserView>> {
  const query = knex('users').orderBy('email').limit(options.limit + 1);
  if (options.cursor) query.where('email', '>', options.cursor.email);
  const rows = await query;
  const items = await usersWithGrants(knex, rows.slice(0, options.limit));
  return { items, nextCursor: rows.length > options.limit ? encodeCursor({ email: items[items.length - 1]!.email }) : null };
}

/** Whether any enabled admin exists (the first-admin bootstrap runs only when none does). */
export async function hasAdmin(knex: Knex): Promise<boolean> {
  const row = await knex('user_roles').join('users', 'users.id', 'user_roles.user_id').where({ role: 'admin' }).whereNull('users.disabled_at').first('users.id');
  return row !== undefined;
}

export async function createUser(knex: Knex, user: NewUser, actor: AuditActor, nowMs: number): Promise<UserView> {
  return knex.transaction(async (trx) => {
    if (await trx('users').whereRaw('lower(email) = lower(?)', [user.email]).first('id')) throw new ConflictError(MESSAGES.emailTaken(user.email));
    const [row] = await trx('users')
      .insert({ email: user.email, display_name: user.displayName, password_hash: user.passwordHash, organisation_id: user.organisationId, created_at: new Date(nowMs), password_changed_at: user.passwordHash ? new Date(nowMs) : null })
      .returning('id');
    if (user.grants.length > 0) await trx('user_roles').insert(user.grants.map((grant) => grantRow(row.id, grant)));
    const created = (await findUser(trx, row.id))!;
    await recordAudit(trx, actor, { action: 'user.create', resourceType: 'user', resourceId: created.id, ...grantAudience(created.grants), after: created }, nowMs);
    return created;
  });
}

/** Change a user; returns it. Disabling or a new password is followed by revoking sessions (the caller's job). */
export async function updateUser(knex: Knex, id: string, changes: UserChanges, actor: AuditActor, nowMs: number): Promise<UserView> {
  return knex.transaction(async (trx) => {
    const before = await findUser(trx, id);
    if (!before) throw new NotFoundError(MESSAGES.noUser(id));
    const row: Record<string, unknown> = {};
    if (changes.displayName !== undefined) row.display_name = changes.displayName;
    if (changes.organisationId !== undefined) row.organisation_id = changes.organisationId;
    if (changes.disabled !== undefined) row.disabled_at = changes.disabled ? (before.disabled ? trx.raw('disabled_at') : new Date(nowMs)) : null;
    if (changes.passwordHash !== undefined) Object.assign(row, { password_hash: changes.passwordHash, password_changed_at: new Date(nowMs) });
    if (Object.keys(row).length > 0) await trx('users').where({ id }).update(row);
    const after = (await findUser(trx, id))!;
    const action = changes.passwordHash !== undefined && Object.keys(row).length === 2 ? 'user.password' : 'user.update';
    await recordAudit(trx, actor, { action, resourceType: 'user', resourceId: id, ...grantAudience([...before.grants, ...after.grants]), before, after }, nowMs);
    return after;
  });
}

/** Replace a user's grants with `grants`. */
export async function replaceGrants(knex: Knex, id: string, grants: readonly GrantView[], actor: AuditActor, nowMs: number): Promise<UserView> {
  return knex.transaction(async (trx) => {
    const before = await findUser(trx, id);
    if (!before) throw new NotFoundError(MESSAGES.noUser(id));
    await trx('user_roles').where({ user_id: id }).delete();
    if (grants.length > 0) await trx('user_roles').insert(grants.map((grant) => grantRow(id, grant)));
    const after = (await findUser(trx, id))!;
    await recordAudit(trx, actor, { action: 'user.grants', resourceType: 'user', resourceId: id, ...grantAudience([...before.grants, ...after.grants]), before: before.grants, after: after.grants }, nowMs);
    return after;
  });
}

const toOrganisation = (row: Record<string, any>): OrganisationView => ({ id: row.id, name: row.name, kind: row.kind, createdAtMs: new Date(row.created_at).getTime() });

/** Organisations by name; `onlyIds` limits them (a partner sees its own). */
export async function listOrganisations(knex: Knex, onlyIds: readonly string[] | null): Promise<OrganisationView[]> {
  const query = knex('organisations').orderBy('name');
  if (onlyIds) query.whereIn('id', onlyIds);
  return (await query).map(toOrganisation);
}

export async function findOrganisation(knex: Knex, id: string): Promise<OrganisationView | null> {
  const row = await knex('organisations').where({ id }).first();
  return row ? toOrganisation(row) : null;
}

export async function saveOrganisation(
  knex: Knex,
  organisation: { id: string | null; name: string; kind?: OrganisationView['kind'] },
  actor: AuditActor,
  nowMs: number,
): Promise<OrganisationView> {
  return knex.transaction(async (trx) => {
    const clash = await trx('organisations').where({ name: organisation.name }).whereNot('id', organisation.id ?? '00000000-0000-0000-0000-000000000000').first('id');
    if (clash) throw new ConflictError(MESSAGES.organisationTaken(organisation.name));
    const before = organisation.id ? await findOrganisation(trx, organisation.id) : null;
    if (organisation.id && !before) throw new NotFoundError(MESSAGES.noOrganisation(organisation.id));
    const [row] = before
      ? await trx('organisations').where({ id: before.id }).update({ name: organisation.name, kind: organisation.kind ?? before.kind }).returning('*')
      : await trx('organisations').insert({ name: organisation.name, kind: organisation.kind ?? 'partner', created_at: new Date(nowMs) }).returning('*');
    const after = toOrganisation(row);
    const action = before ? 'organisation.update' : 'organisation.create';
    await recordAudit(trx, actor, { action, resourceType: 'organisation', resourceId: after.id, organisationIds: [after.id], before: before ?? undefined, after }, nowMs);
    return after;
  });
}
