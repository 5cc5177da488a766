/**
 * The event hub's publish side (`POST /api/v3/pub-event` for management, `/api/v3/pub-userEvent`
 * for a logged-in user): authing-local stores each event; `GET /__local/events` reads them back.
 * Nothing is delivered anywhere (the websocket `sub` is not served).
 */
import { Errors } from '../errors.js';
import { newId, nowIso } from '../storage/ids.js';
import type { EventsTable } from '../storage/tables.js';
import type { ServiceContext } from './context.js';

export interface WireEvent {
  id: string;
  eventType: string;
  source: string;
  eventData: string;
  publisher: 'management' | 'user';
  userId: string | null;
  createdAt: string;
}

const EVENT_TYPE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const MAX_DATA = 65536;

export interface EventInput {
  eventType: unknown;
  source?: unknown;
  eventData: unknown;
}

/** Stores one event; 400 for a bad type name, non-string data or data over 64 KiB. */
export async function publishEvent(
  ctx: ServiceContext,
  input: EventInput,
  by: { publisher: 'management' | 'user'; userId?: string | null },
): Promise<WireEvent> {
  if (typeof input.eventType !== 'string' || !EVENT_TYPE.test(input.eventType)) {
    throw Errors.invalidInput('eventType must be 1 to 128 letters, digits, _ . : or -', 'eventType 须为 1 到 128 个字母、数字、_ . : 或 -');
  }
  if (typeof input.eventData !== 'string') throw Errors.invalidInput('eventData must be a string', 'eventData 必须是字符串');
  if (input.eventData.length > MAX_DATA) throw Errors.invalidInput(`eventData must be at most ${MAX_DATA} characters`, `eventData 最多 ${MAX_DATA} 个字符`);
  const source = typeof input.source === 'string' ? input.source.slice(0, 256) : '';
  const eventType = input.eventType;
  const eventData = input.eventData;
  const row = await ctx.store.write(async (tx) => {
    const last = await tx.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    const row: EventsTable = {
      id: newId(),
      userpool_id: ctx.poolId,
      event_type: eventType,
      source,
      event_data: eventData,
      publisher: by.publisher,
      user_id: by.userId ?? null,
      seq: Number(last?.seq ?? 0) + 1,
      created_at: nowIso(),
    };
    await tx.insertInto('events').values(row).execute();
    return row;
  });
  return toWire(row);
}

function toWire(row: EventsTable): WireEvent {
  return {
    id: row.id,
    eventType: row.event_type,
    source: row.source,
    eventData: row.event_data,
    publisher: row.publisher as WireEvent['publisher'],
    userId: row.user_id,
    createdAt: row.created_at,
  };
}

/** The pool's events, oldest first, optionally of one type. */
export async function listEvents(ctx: ServiceContext, eventType?: string | null): Promise<WireEvent[]> {
  let q = ctx.store.db.selectFrom('events').selectAll().where('userpool_id', '=', ctx.poolId);
  if (eventType) q = q.where('event_type', '=', eventType);
  return (await q.orderBy('seq').execute()).map(toWire);
}
