import type { components } from '../generated/openapi.js';
import { Errors } from '../errors.js';

/** An app's SAML service provider, as `POST /api/v2/applications/{appId}` sets it (schema-derived). */
export type SamlConfig = NonNullable<components['schemas']['SamlConfigUpdate']>;

/** The stored service provider, or null when the app has none. */
export function parseSamlConfig(stored: string): SamlConfig | null {
  const value = JSON.parse(stored) as Partial<SamlConfig>;
  return value.acs && value.audience ? (value as SamlConfig) : null;
}

/** The text to store for a change: the new service provider (its ACS an http(s) URL), or none. */
export function samlConfigText(change: SamlConfig | null): string {
  if (change === null) return '{}';
  let url: URL | undefined;
  try {
    url = new URL(change.acs);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw Errors.invalidInput('samlConfig.acs must be an http(s) URL', 'samlConfig.acs 必须为 http(s) 地址');
  return JSON.stringify({ acs: change.acs, audience: change.audience, nameIdFormat: change.nameIdFormat ?? 'email' });
}
