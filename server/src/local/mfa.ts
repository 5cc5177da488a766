/**
 * `PUT /__local/application-mfa`: switches the pool's application MFA on or off, the part of the
 * Authing console authing-local has no console for. Body `{applicationMfa: [{mfaPolicy, status,
 * sort}]}` (`mfaPolicy` one of OTP, SMS, EMAIL, FACE; `status` 1 on, 0 off); answers the stored list.
 * An empty list turns it off.
 */
import { Errors } from '../errors.js';
import { updatePoolSettings, type PoolSettings } from '../services/pool-settings.js';
import { localRoute } from './routes.js';

type Policy = PoolSettings['applicationMfa'][number];
const POLICIES = new Set(['OTP', 'SMS', 'EMAIL', 'FACE']);

function readPolicies(body: unknown): Policy[] {
  const list = (body as { applicationMfa?: unknown } | null)?.applicationMfa;
  if (!Array.isArray(list) || list.length > POLICIES.size) throw Errors.invalidInput('applicationMfa must be a list of at most 4 {mfaPolicy, status, sort}');
  return list.map((item, i) => {
    const { mfaPolicy, status, sort } = (item ?? {}) as Record<string, unknown>;
    if (typeof mfaPolicy !== 'string' || !POLICIES.has(mfaPolicy)) throw Errors.invalidInput(`applicationMfa[${i}].mfaPolicy must be OTP, SMS, EMAIL or FACE`);
    if (status !== 0 && status !== 1) throw Errors.invalidInput(`applicationMfa[${i}].status must be 0 or 1`);
    if (sort !== undefined && !Number.isInteger(sort)) throw Errors.invalidInput(`applicationMfa[${i}].sort must be an integer`);
    return { mfaPolicy: mfaPolicy as Policy['mfaPolicy'], status, sort: (sort as number | undefined) ?? i };
  });
}

localRoute('PUT', '/__local/application-mfa', async (request, _url, pool, state) => {
  const body: unknown = await request.json().catch(() => null);
  const applicationMfa = readPolicies(body);
  const settings = await state.store.write((tx) => updatePoolSettings(tx, pool.id, { applicationMfa }));
  return { applicationMfa: settings.applicationMfa };
});
