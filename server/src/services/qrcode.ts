import { randomBytes } from 'node:crypto';
import { Errors } from '../errors.js';
import type { TokenClaims } from '../auth/jwt.js';
import type { QrcodesTable } from '../storage/tables.js';
import type { Tx } from '../storage/store.js';
import type { Db, ServiceContext } from './context.js';
import { recordLogin } from './authentication.js';
import { ServiceErrors } from './errors.js';
import { qrCodeImage } from './qrcode-image.js';
import { isLocked, type Session } from './sessions.js';
import { toWireUser } from './user-wire.js';

/**
 * QR-code login. A web page generates a code for its application (`gene`) and polls it (`check`);
 * a logged-in user's phone scans it, then confirms or cancels; once confirmed the page exchanges
 * the code's ticket for the user's token (`userinfo`). A code can be scanned and confirmed until
 * it expires (`StartOptions.qrcode.ttlSeconds`); its ticket is single-use and lives
 * `ticketTtlSeconds`. authing-local has no phone app: the `/__local/qrcode/*` endpoints play it.
 */

/** The statuses `check` answers, as the official SDK reads them. */
export const QrStatus = { expired: -1, unscanned: 0, scanned: 1, confirmed: 2, cancelled: 3 } as const;
export type QrStatusValue = (typeof QrStatus)[keyof typeof QrStatus];

export const QR_SCENES = ['APP_AUTH', 'WXAPP_AUTH', 'WECHATMP_AUTH'] as const;
export type QrScene = (typeof QR_SCENES)[number];

/** What the QR code encodes, in Authing's layout: what the phone reads when it scans. */
export interface QrPayload {
  scene: string;
  random: string;
  userPoolId: string;
  createdAt: string;
  expireAt: string;
  customData: unknown;
}

/** The shown part of the scanning user: nickname and photo only, as Authing answers by default. */
export interface QrUserInfo {
  nickname: string | null;
  photo: string | null;
}

export interface QrCheck {
  random: string;
  status: QrStatusValue;
  /** The ticket of a confirmed code, until it is exchanged or expires. */
  ticket: string | null;
  userInfo: QrUserInfo | null;
}

export interface GeneInput {
  appId: string;
  scene: QrScene;
  /** The call's `params` (custom data) and `context`, kept with the code as given. */
  customData?: unknown;
  context?: unknown;
}

const token = (bytes: number) => randomBytes(bytes).toString('base64url');
const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

const payloadOf = (row: QrcodesTable): QrPayload => ({
  scene: row.scene,
  random: row.random,
  userPoolId: row.userpool_id,
  createdAt: new Date(row.created_at).toISOString(),
  expireAt: new Date(row.expires_at).toISOString(),
  customData: row.custom_data === null ? null : JSON.parse(row.custom_data),
});

/** `POST /api/v2/qrcode/gene`: a new code, its image (a data URL) and its lifetime in seconds. */
export async function geneCode(ctx: ServiceContext, input: GeneInput, now = Date.now()) {
  const row: QrcodesTable = {
    random: token(18),
    userpool_id: ctx.poolId,
    app_id: input.appId,
    scene: input.scene,
    status: QrStatus.unscanned,
    user_id: null,
    custom_data: json(input.customData),
    context: json(input.context),
    ticket: null,
    ticket_expires_at: null,
    exchanged_at: null,
    expires_at: now + ctx.store.qrcode.ttlSeconds * 1000,
    created_at: now,
  };
  const payload = payloadOf(row);
  // Drawn before the write: custom data too large for a QR code stores nothing.
  const url = qrCodeImage(payload);
  await ctx.store.write((tx) => tx.insertInto('qrcodes').values(row).execute());
  return { random: row.random, url, expiresIn: ctx.store.qrcode.ttlSeconds, customLogo: null, payload };
}

async function findCode(db: Db, poolId: string, random: string): Promise<QrcodesTable> {
  const row = await db.selectFrom('qrcodes').selectAll().where('userpool_id', '=', poolId).where('random', '=', random).executeTakeFirst();
  if (!row) throw ServiceErrors.qrCodeNotFound();
  return row;
}

/** The status a row shows at `now`: an unconfirmed code past its expiry, or a ticket never exchanged in time, is expired. */
function statusAt(row: QrcodesTable, now: number): QrStatusValue {
  if ((row.status === QrStatus.unscanned || row.status === QrStatus.scanned) && now >= row.expires_at) return QrStatus.expired;
  if (row.status === QrStatus.confirmed && row.exchanged_at === null && now >= (row.ticket_expires_at ?? 0)) return QrStatus.expired;
  return row.status as QrStatusValue;
}

async function userOf(db: Db, poolId: string, userId: string | null) {
  if (!userId) return undefined;
  return db.selectFrom('users').selectAll().where('userpool_id', '=', poolId).where('id', '=', userId).executeTakeFirst();
}

async function userInfoOf(db: Db, row: QrcodesTable): Promise<QrUserInfo | null> {
  const user = await userOf(db, row.userpool_id, row.user_id);
  if (!user) return null;
  const { nickname, photo } = toWireUser(user);
  return { nickname, photo };
}

/** `GET /api/v2/qrcode/check`: 2241 for a code this pool never generated. */
export async function checkStatus(ctx: ServiceContext, random: string, now = Date.now()): Promise<QrCheck> {
  const row = await findCode(ctx.store.db, ctx.poolId, random);
  const status = statusAt(row, now);
  return {
    random: row.random,
    status,
    ticket: status === QrStatus.confirmed ? row.ticket : null,
    userInfo: await userInfoOf(ctx.store.db, row),
  };
}

/**
 * Runs one phone-side transition in a transaction: the code must exist in the pool (2241), be
 * live (2242), be in one of `from` (2244) and, once scanned, be handled by its scanner (2243).
 */
async function transition(
  ctx: ServiceContext,
  random: string,
  userId: string,
  from: readonly number[],
  apply: (tx: Tx, row: QrcodesTable) => Promise<void>,
  now: number,
): Promise<QrcodesTable> {
  return ctx.store.write(async (tx) => {
    const row = await findCode(tx, ctx.poolId, random);
    const status = statusAt(row, now);
    if (status === QrStatus.expired) throw ServiceErrors.qrCodeExpired();
    if (row.user_id !== null && row.user_id !== userId) throw ServiceErrors.qrCodeOtherUser();
    if (!from.includes(status)) throw ServiceErrors.qrCodeWrongState(status);
    await apply(tx, row);
    return findCode(tx, ctx.poolId, random);
  });
}

/** The phone scans: the page then shows the user's nickname and photo. Scanning again by the same user is a no-op. */
export async function scan(ctx: ServiceContext, random: string, userId: string, now = Date.now()): Promise<QrPayload> {
  const row = await transition(ctx, random, userId, [QrStatus.unscanned, QrStatus.scanned], async (tx, r) => {
    await tx.updateTable('qrcodes').set({ status: QrStatus.scanned, user_id: userId }).where('random', '=', r.random).execute();
  }, now);
  return payloadOf(row);
}

/** The scanning user confirms: the code gets its single-use ticket. */
export async function confirm(ctx: ServiceContext, random: string, userId: string, now = Date.now()): Promise<QrCheck> {
  const row = await transition(ctx, random, userId, [QrStatus.scanned], async (tx, r) => {
    const ticket = token(24);
    const ticketExpiresAt = now + ctx.store.qrcode.ticketTtlSeconds * 1000;
    await tx.updateTable('qrcodes').set({ status: QrStatus.confirmed, ticket, ticket_expires_at: ticketExpiresAt }).where('random', '=', r.random).execute();
  }, now);
  return { random: row.random, status: QrStatus.confirmed, ticket: row.ticket, userInfo: await userInfoOf(ctx.store.db, row) };
}

/** The scanning user cancels: the code is spent. */
export async function cancel(ctx: ServiceContext, random: string, userId: string, now = Date.now()): Promise<QrCheck> {
  const row = await transition(ctx, random, userId, [QrStatus.scanned], async (tx, r) => {
    await tx.updateTable('qrcodes').set({ status: QrStatus.cancelled }).where('random', '=', r.random).execute();
  }, now);
  return { random: row.random, status: QrStatus.cancelled, ticket: null, userInfo: await userInfoOf(ctx.store.db, row) };
}

export interface ExchangeOptions {
  /** The application asking (`x-authing-app-id`): it must be the one that generated the code. */
  appId: string;
  clientIp?: string | null;
}

/**
 * `POST /api/v2/qrcode/userinfo`: spends the ticket and records the login (loginsCount, lastLogin,
 * lastIP), answering the session a token is issued for. 2245 for a ticket that is unknown, of
 * another application, already used or expired; 2005 when the user was blocked since, 1576 when
 * the application's access policy refuses the user (the ticket then stays unspent). The phone's
 * confirmation is the user's second factor, so no MFA step follows.
 */
export async function exchangeTicket(ctx: ServiceContext, ticket: string, opts: ExchangeOptions, now = Date.now()): Promise<Session> {
  return ctx.store.write(async (tx) => {
    const row = await tx.selectFrom('qrcodes').selectAll().where('userpool_id', '=', ctx.poolId).where('ticket', '=', ticket).executeTakeFirst();
    if (!row || row.app_id !== opts.appId || row.user_id === null || statusAt(row, now) !== QrStatus.confirmed) throw ServiceErrors.qrCodeTicketInvalid();
    // A user deleted since the confirmation has no login to open.
    const current = await userOf(tx, ctx.poolId, row.user_id);
    if (!current) throw ServiceErrors.qrCodeTicketInvalid();
    if (isLocked(current)) throw ServiceErrors.userLocked();
    if (!ctx.store.index.canAccessApp(opts.appId, current.id).allowed) throw ServiceErrors.noAppAccess();
    const next = await recordLogin(tx, current, opts.clientIp);
    await tx.updateTable('qrcodes').set({ ticket: null, exchanged_at: now }).where('random', '=', row.random).execute();
    return { user: toWireUser(next), sessionVersion: current.session_version };
  });
}

/** The user a token names, when it is a user token of this pool (2020 otherwise: the phone is not logged in here). */
export function requireUserOfPool(claims: TokenClaims, poolId: string): string {
  if (claims.kind !== 'user' || claims.userPoolId !== poolId) throw Errors.notLoggedIn();
  return claims.userId;
}
