/**
 * What an external IdP or connection record may hold: its types (the official SDK's provider
 * names), the identifier format, the size of `fields`. Records are stored only: authing-local
 * never connects to a provider.
 */
import { Errors } from '../errors.js';
import type { Db } from './context.js';
import { ServiceErrors } from './errors.js';

/** Ext IdP families (the provider names of the official SDK's social and enterprise connections). */
export const EXT_IDP_TYPES: readonly string[] = [
  'wechat', 'wechatwork', 'dingtalk', 'lark', 'alipay', 'google', 'github', 'qq', 'weibo', 'apple', 'baidu',
  'linkedin', 'slack', 'yidun', 'qingcloud', 'facebook', 'oidc', 'oauth', 'saml', 'cas', 'azure-ad', 'ad', 'ldap',
];

/** Connection types: `SocialConnectionProvider` and `Protocol` values of the official SDK, plus the QR / AD ones. */
export const EXT_IDP_CONNECTION_TYPES: readonly string[] = [
  'alipay', 'google', 'wechat:pc', 'wechat:webpage-authorization', 'wechat:miniprogram:default',
  'wechat:miniprogram:qrconnect', 'wechat:miniprogram:app-launch', 'wechat:mobile', 'wechatmp-qrcode', 'github', 'qq',
  'wechatwork:addressbook', 'wechatwork:corp:qrconnect', 'wechatwork:service-provider:qrconnect', 'dingtalk', 'weibo',
  'apple', 'apple:web', 'lark-public', 'lark-internal', 'baidu', 'linkedin', 'slack', 'yidun', 'qingcloud', 'facebook',
  'oidc', 'oauth', 'saml', 'cas', 'azure-ad', 'ad', 'ldap',
];

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const MAX_FIELDS_JSON = 16384;
const MAX_TEXT = 256;

export function requiredText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw Errors.invalidInput(`${name} is required`, `${name} 不能为空`);
  if (value.length > MAX_TEXT) throw Errors.invalidInput(`${name} must be at most ${MAX_TEXT} characters`, `${name} 最多 ${MAX_TEXT} 个字符`);
  return value.trim();
}

export function checkedIdpType(value: unknown): string {
  if (typeof value !== 'string' || !EXT_IDP_TYPES.includes(value)) {
    throw Errors.invalidInput(`type must be one of ${EXT_IDP_TYPES.join(', ')}`, `type 必须是 ${EXT_IDP_TYPES.join('、')} 之一`);
  }
  return value;
}

export function checkedConnectionType(value: unknown): string {
  if (typeof value !== 'string' || !EXT_IDP_CONNECTION_TYPES.includes(value)) {
    throw Errors.invalidInput(`connection type must be one of ${EXT_IDP_CONNECTION_TYPES.join(', ')}`, `连接类型必须是 ${EXT_IDP_CONNECTION_TYPES.join('、')} 之一`);
  }
  return value;
}

export function checkedIdentifier(value: unknown): string {
  if (typeof value !== 'string' || !IDENTIFIER.test(value)) {
    throw Errors.invalidInput('identifier must be 1 to 64 letters, digits, _ or - (starting with a letter or digit)', 'identifier 须为 1 到 64 个字母、数字、_ 或 -，以字母或数字开头');
  }
  return value;
}

/** `fields`: a JSON object (the provider's settings, e.g. clientID / clientSecret), at most 16 KiB as JSON. */
export function checkedFields(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw Errors.invalidInput('fields must be an object', 'fields 必须是对象');
  const json = JSON.stringify(value);
  if (json.length > MAX_FIELDS_JSON) throw Errors.invalidInput(`fields must be at most ${MAX_FIELDS_JSON} characters as JSON`, `fields 的 JSON 最多 ${MAX_FIELDS_JSON} 个字符`);
  return json;
}

export function checkedMatchFields(value: unknown): string {
  if (value === undefined || value === null) return '[]';
  if (!Array.isArray(value) || value.length > 20 || value.some((v) => typeof v !== 'string' || v === '' || v.length > 64)) {
    throw Errors.invalidInput('userMatchFields must be a list of at most 20 field names', 'userMatchFields 必须是最多 20 个字段名的列表');
  }
  return JSON.stringify(value);
}

export function checkedLogo(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > 2048) throw Errors.invalidInput('logo must be a URL of at most 2048 characters', 'logo 必须是最多 2048 个字符的 URL');
  return value;
}

/** 3814 unless `tenantId` names a tenant of the pool. */
export async function requireTenant(db: Db, poolId: string, tenantId: string): Promise<void> {
  const found = await db.selectFrom('tenants').select('id').where('userpool_id', '=', poolId).where('id', '=', tenantId).executeTakeFirst();
  if (!found) throw ServiceErrors.extIdpTenantNotFound();
}
