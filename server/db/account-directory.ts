/** The account, session, token and audit repositories bound to one database, as routes and services receive them. */
import type { Knex } from 'knex';
import * as accounts from './account-repository.ts';
import * as audit from './audit-repository.ts';
import * as sessions from './session-repository.ts';

type Bound<F> = F extends (knex: Knex, ...rest: infer A) => infer R ? (...rest: A) => R : never;
const bind = <F extends (knex: Knex, ...rest: never[]) => unknown>(knex: Knex, fn: F) => ((...rest: unknown[]) => fn(knex, ...(rest as never[]))) as Bound<F>;

export function createAccountDirectory(knex: Knex) {
  return {
    findUser: bind(knex, accounts.findUser),
    findCredentials: bind(knex, accounts.findCredentials),
    listUsers: bind(knex, accounts.listUsers),
    createUser: bind(knex, accounts.createUser),
    updateUser: bind(knex, accounts.updateUser),
    replaceGrants: bind(knex, accounts.replaceGrants),
    listOrganisations: bind(knex, accounts.listOrganisations),
    findOrganisation: bind(knex, accounts.findOrganisation),
    saveOrganisation: bind(knex, accounts.saveOrganisation),
    createSession: bind(knex, sessions.createSession),
    findSession: bind(knex, sessions.findSession),
    listSessions: bind(knex, sessions.listSessions),
    revokeSessions: bind(knex, sessions.revokeSessions),
    createToken: bind(knex, sessions.createToken),
    findToken: bind(knex, sessions.findToken),
    findTokenView: bind(knex, sessions.findTokenView),
    listTokens: bind(knex, sessions.listTokens),
    revokeToken: bind(knex, sessions.revokeToken),
    recordAudit: bind(knex, audit.recordAudit),
    listAudit: bind(knex, audit.listAudit),
  };
}

export type AccountDirectory = ReturnType<typeof createAccountDirectory>;
