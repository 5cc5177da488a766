import { newId, nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import type { Db } from './context.js';

/**
 * The messages authing-local would have sent. It sends no mail or SMS: each message is stored
 * here, in the same transaction as the write that caused it, and logged by the caller, so a test
 * or a developer can read what a user would have received.
 */

export interface OutboxMessage {
  id: string;
  /** What it is, e.g. `FIRST_LOGIN_VERIFY_EMAIL`. */
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: string;
}

/** Stores a message inside an open transaction and returns it. */
export async function enqueue(tx: Tx, poolId: string, message: Omit<OutboxMessage, 'id' | 'createdAt'>): Promise<OutboxMessage> {
  const stored: OutboxMessage = { ...message, id: newId(), createdAt: nowIso() };
  await tx
    .insertInto('outbox')
    .values({
      id: stored.id,
      userpool_id: poolId,
      kind: stored.kind,
      recipient: stored.recipient,
      subject: stored.subject,
      body: stored.body,
      data: JSON.stringify(stored.data),
      created_at: stored.createdAt,
    })
    .execute();
  return stored;
}

/** The pool's messages, oldest first (optionally only those to one recipient). */
export async function listOutbox(db: Db, poolId: string, recipient?: string): Promise<OutboxMessage[]> {
  let q = db.selectFrom('outbox').selectAll().where('userpool_id', '=', poolId);
  if (recipient) q = q.where('recipient', '=', recipient);
  const rows = await q.orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    recipient: r.recipient,
    subject: r.subject,
    body: r.body,
    data: JSON.parse(r.data) as Record<string, unknown>,
    createdAt: r.created_at,
  }));
}

/** One log line for a stored message (no body: it may carry a link that logs in). */
export const describeMessage = (m: OutboxMessage): string => `[outbox] ${m.kind} to ${m.recipient}: ${m.subject}`;
