import type { Db, ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';
import { getPoolSettings } from './pool-settings.js';
import { requireWhitelisted } from './whitelist.js';

/**
 * Whether the pool lets someone register itself with these identifiers. Every self-service
 * registration (registerBy*, registerByEmailCode, autoRegister logins, code logins that create the
 * account) asks here once, before it hashes anything; administrators creating users are not asked.
 * `registerDisabled` → 2037; an identifier missing from its type's enforced whitelist → 2040
 * (services/whitelist.ts; identifiers not given are not checked).
 */
export async function assertMayRegister(
  ctx: ServiceContext,
  ids: { username?: string | null; email?: string | null; phone?: string | null },
  db: Db = ctx.store.db,
): Promise<void> {
  const settings = await getPoolSettings(db, ctx.poolId);
  if (settings.registerDisabled) throw ServiceErrors.registerDisabled();
  await requireWhitelisted(db, ctx.poolId, ids);
}
