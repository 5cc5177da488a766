/** Public types of the external IdP records and bulk resources (`managementClient.tenant`). */
import type { components } from '../../generated/openapi.js';
import type { ResourceType } from '../types.js';

/** An external identity provider record with its connections. */
export type ExtIdp = components['schemas']['ExtIdp'];

/** One connection of an external IdP (a way to log in through it, e.g. `wechat:pc`). */
export type ExtIdpConnection = components['schemas']['ExtIdpConnection'];

/** A connection as `createExtIdp` / `createExtIdpConnection` take it. */
export interface ExtIdpConnectionInput {
  /** Connection type, e.g. `wechat:pc`, `wechatmp-qrcode`, `lark-internal`, `oidc`. */
  type: string;
  /** Unique in the pool: 1 to 64 letters, digits, `_` or `-`. */
  identifier: string;
  /** The name shown on the login page. */
  displayName: string;
  /** The provider's settings (e.g. `clientID`, `clientSecret`). */
  fields: Record<string, unknown>;
  /** User fields matched to find an existing account. */
  userMatchFields?: string[];
  /** Logo URL. */
  logo?: string;
}

/** What `createExtIdp` takes. */
export interface NewExtIdp {
  /** The tenant it belongs to; without one it is the pool's. */
  tenantId?: string;
  name: string;
  /** Provider family, e.g. `wechat`, `lark`, `dingtalk`, `oidc`, `saml`. */
  type: string;
  connections: ExtIdpConnectionInput[];
}

/** What `updateExtIdpConnection` takes. */
export interface ExtIdpConnectionUpdates {
  displayName: string;
  fields: Record<string, unknown>;
  userMatchFields?: string[];
  logo?: string;
}

/** A connection switch; `appId` / `tenantId`, when given, must name an application / tenant of the pool. */
export interface ExtIdpConnectionState {
  appId?: string;
  tenantId?: string;
  enabled: boolean;
}

/** One resource of `batchInsertResource`. */
export interface BulkResource {
  code: string;
  type: ResourceType;
  description?: string;
  actions: { name: string; description: string }[];
  apiIdentifier?: string;
  /** Namespace code; `default` when omitted. */
  namespace?: string;
}
