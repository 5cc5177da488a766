import { Errors } from '../errors.js';
import { newId, nowIso } from '../storage/ids.js';
import type { PrincipalAuthenticationsTable } from '../storage/tables.js';
import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';

/**
 * Real-name (principal) authentication of a user: a person (`P`: name, resident id number, bank
 * card number) or an enterprise (`E`: name, unified social credit code, legal person's name).
 * authing-local checks the numbers' formats and check digits only; it asks no government
 * registry or bank whether they are real or belong together. One authentication per user: a
 * second one is refused (3854), as the record stands for a completed check.
 */

export type PrincipalType = 'P' | 'E';

/** What the wire sends (`POST /api/v2/users/principal_authentication`): `ext` is the bank card (P) or legal person (E). */
export interface PrincipalInput {
  type?: string | null;
  name?: string | null;
  idCard?: string | null;
  ext?: string | null;
}

/** What the wire answers (`PrincipalDetail` of the official SDK). */
export interface WirePrincipal {
  id: string;
  createdAt: string;
  updatedAt: string;
  userPoolId: string;
  userId: string;
  principalType: PrincipalType;
  principalName: string;
  principalCode: string;
  authenticationTime: string;
}

const toWire = (row: PrincipalAuthenticationsTable): WirePrincipal => ({
  id: row.id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  userPoolId: row.userpool_id,
  userId: row.user_id,
  principalType: row.principal_type,
  principalName: row.principal_name,
  principalCode: row.principal_code,
  authenticationTime: row.authentication_time,
});

/** The user's authentication, or null when it has none. */
export async function getPrincipal(ctx: ServiceContext, userId: string): Promise<WirePrincipal | null> {
  const row = await ctx.store.db
    .selectFrom('principal_authentications')
    .selectAll()
    .where('userpool_id', '=', ctx.poolId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? toWire(row) : null;
}

/** Checks and records the user's authentication; answers the record. */
export async function authenticatePrincipal(ctx: ServiceContext, userId: string, input: PrincipalInput): Promise<WirePrincipal> {
  const checked = checkInput(input);
  return ctx.store.write(async (tx) => {
    const existing = await tx.selectFrom('principal_authentications').select('id').where('user_id', '=', userId).executeTakeFirst();
    if (existing) throw ServiceErrors.principalAlreadyAuthenticated();
    const now = nowIso();
    const row: PrincipalAuthenticationsTable = {
      id: newId(),
      userpool_id: ctx.poolId,
      user_id: userId,
      principal_type: checked.type,
      principal_name: checked.name,
      principal_code: checked.code,
      authentication_time: now,
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('principal_authentications').values(row).execute();
    return toWire(row);
  });
}

const MAX_TEXT = 128;

function required(field: string, value: string | null | undefined): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw Errors.invalidInput(`${field} is required`, `${field} 不能为空`);
  if (text.length > MAX_TEXT) throw Errors.invalidInput(`${field} must be at most ${MAX_TEXT} characters`, `${field} 不能超过 ${MAX_TEXT} 个字符`);
  return text;
}

function checkInput(input: PrincipalInput): { type: PrincipalType; name: string; code: string } {
  if (input.type !== 'P' && input.type !== 'E') throw Errors.invalidInput('type must be P (person) or E (enterprise)', 'type 必须为 P（个人）或 E（企业）');
  const name = required('name', input.name);
  const idCard = required('idCard', input.idCard).toUpperCase();
  const ext = required('ext', input.ext);
  if (input.type === 'P') {
    if (!isResidentIdNumber(idCard)) throw ServiceErrors.invalidIdCard();
    if (!/^\d{12,19}$/.test(ext.replace(/\s/g, ''))) throw ServiceErrors.invalidBankCard();
  } else if (!isEnterpriseCode(idCard)) {
    throw ServiceErrors.invalidEnterpriseCode();
  }
  return { type: input.type, name, code: idCard };
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** An 18-character resident id number (GB 11643): region, a real birth date not in the future, ISO 7064 MOD 11-2 check character. */
export function isResidentIdNumber(value: string): boolean {
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) return false;
  const [y, m, d] = [value.slice(6, 10), value.slice(10, 12), value.slice(12, 14)].map(Number) as [number, number, number];
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > Date.now()) return false;
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(value[i]), 0);
  return ID_CHECK[sum % 11] === value[17];
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * An enterprise number as the official SDK names it ("统一社会信用代码/注册号/组织机构代码"): an
 * 18-character unified social credit code with its GB 32100 check character, a 15-digit business
 * registration number, or a 9-character organization code (GB 11714, an optional hyphen before its check character).
 */
export function isEnterpriseCode(value: string): boolean {
  if (/^\d{15}$/.test(value)) return true;
  const org = /^([0-9A-Z]{8})-?([0-9X])$/.exec(value);
  if (org) return orgCheck(org[1] as string) === org[2];
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(value)) return false;
  const sum = USCC_WEIGHTS.reduce((s, w, i) => s + w * USCC_CHARS.indexOf(value[i] as string), 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31] === value[17];
}

function orgCheck(body: string): string {
  const value = (c: string) => (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  const sum = ORG_WEIGHTS.reduce((s, w, i) => s + w * value(body[i] as string), 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}
