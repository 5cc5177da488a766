import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { nowIso } from '../storage/ids.js';
import type { Database } from '../storage/tables.js';
import type { ServiceContext } from './context.js';
import { isLocked } from './sessions.js';
import { toWireUser, type WireUser } from './user-wire.js';

/**
 * CAS (the Central Authentication Service protocol, v1 and v2) for an application: a browser
 * session opened by the CAS login, and service tickets, each valid once, for one service, for
 * {@link TICKET_TTL_S}. A ticket is only issued for a service the app registered (one of its
 * redirect URIs, or a URL under one), to a user the app's access policy lets in.
 */

/** How long a service ticket can be validated (CAS recommends at most five minutes). */
export const TICKET_TTL_S = 300;

/** How long the CAS login keeps a browser signed in. */
export const SESSION_TTL_S = 14 * 86_400;

const now = () => Math.floor(Date.now() / 1000);

/** Whether `service` is one the app registered: equal to, or under, one of its redirect URIs. */
export function serviceAllowed(redirectUris: readonly string[], service: string): boolean {
  let url: URL;
  try {
    url = new URL(service);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return redirectUris.some((registered) => {
    try {
      const r = new URL(registered);
      if (r.origin !== url.origin) return false;
      const base = r.pathname.endsWith('/') ? r.pathname : `${r.pathname}/`;
      return url.pathname === r.pathname || url.pathname.startsWith(base);
    } catch {
      return false;
    }
  });
}

/** Opens a CAS session for the user; answers its id (the cookie's value). */
export async function openCasSession(ctx: ServiceContext, userId: string, appId: string): Promise<string> {
  const id = randomBytes(24).toString('base64url');
  await ctx.store.write(async (tx) => {
    await tx.deleteFrom('cas_sessions').where('expires_at', '<', now()).execute();
    await tx.insertInto('cas_sessions').values({ id, userpool_id: ctx.poolId, user_id: userId, app_id: appId, created_at: nowIso(), expires_at: now() + SESSION_TTL_S }).execute();
  });
  return id;
}

/** The live session `id` names, with its user; null when it is unknown, expired, or its user is gone or locked. */
export async function casSession(db: Kysely<Database>, id: string | null): Promise<{ id: string; poolId: string; appId: string; createdAt: string; expiresAt: number; user: WireUser } | null> {
  if (!id) return null;
  const session = await db.selectFrom('cas_sessions').selectAll().where('id', '=', id).where('expires_at', '>', now()).executeTakeFirst();
  if (!session) return null;
  const row = await db.selectFrom('users').selectAll().where('userpool_id', '=', session.userpool_id).where('id', '=', session.user_id).executeTakeFirst();
  if (!row || isLocked(row)) return null;
  return { id: session.id, poolId: session.userpool_id, appId: session.app_id, createdAt: session.created_at, expiresAt: session.expires_at, user: toWireUser(row) };
}

export async function endCasSession(db: Kysely<Database>, id: string | null): Promise<void> {
  if (id) await db.deleteFrom('cas_sessions').where('id', '=', id).execute();
}

/** A new service ticket (`ST-...`) for the user, the app and the service. */
export async function issueTicket(ctx: ServiceContext, appId: string, service: string, userId: string): Promise<string> {
  const ticket = `ST-${randomBytes(24).toString('base64url')}`;
  await ctx.store.write(async (tx) => {
    await tx.deleteFrom('cas_tickets').where('expires_at', '<', now()).execute();
    await tx.insertInto('cas_tickets').values({ ticket, userpool_id: ctx.poolId, app_id: appId, service, user_id: userId, expires_at: now() + TICKET_TTL_S, used: 0 }).execute();
  });
  return ticket;
}

/** Why a ticket does not validate, in CAS 2.0's codes. */
export type TicketFailure = 'INVALID_REQUEST' | 'INVALID_TICKET' | 'INVALID_SERVICE';

/**
 * Validates a ticket for the app and service and spends it (a second validation fails, whatever
 * the first one answered): the user, or why not. A ticket of another app is unknown to this one.
 */
export async function redeemTicket(
  ctx: ServiceContext,
  appId: string,
  service: string | null,
  ticket: string | null,
): Promise<{ ok: true; user: WireUser } | { ok: false; code: TicketFailure; description: string }> {
  if (!service || !ticket) return { ok: false, code: 'INVALID_REQUEST', description: 'service and ticket are required' };
  return ctx.store.write(async (tx) => {
    const row = await tx.selectFrom('cas_tickets').selectAll().where('ticket', '=', ticket).where('app_id', '=', appId).executeTakeFirst();
    if (!row || row.used === 1 || row.expires_at <= now()) return { ok: false as const, code: 'INVALID_TICKET' as const, description: `Ticket ${ticket} not recognized` };
    await tx.updateTable('cas_tickets').set({ used: 1 }).where('ticket', '=', ticket).execute();
    if (row.service !== service) return { ok: false as const, code: 'INVALID_SERVICE' as const, description: `Ticket ${ticket} does not match the service` };
    const user = await tx.selectFrom('users').selectAll().where('userpool_id', '=', row.userpool_id).where('id', '=', row.user_id).executeTakeFirst();
    if (!user || isLocked(user)) return { ok: false as const, code: 'INVALID_TICKET' as const, description: `Ticket ${ticket} not recognized` };
    return { ok: true as const, user: toWireUser(user) };
  });
}

/** The name CAS answers as `user`: the username, else the email, the phone, the id. */
export const casUserName = (user: WireUser): string => user.username ?? user.email ?? user.phone ?? user.id;
