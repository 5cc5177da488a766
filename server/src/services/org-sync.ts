/**
 * Synchronizing the organization from an enterprise directory (WeCom, DingTalk, Active Directory).
 * authing-local stores no enterprise connections, so every pool is one without them: the service
 * answers as Authing does for such a pool, with an error and nothing synchronized.
 */
import type { ServiceContext } from './context.js';
import { ServiceErrors } from './errors.js';

/** `POST /connections/enterprise/{providerType}/start-sync`: 3406, no directory of that kind is configured. */
export async function startEnterpriseSync(_ctx: ServiceContext, providerType: 'wechatwork' | 'dingtalk'): Promise<never> {
  throw ServiceErrors.directoryNotConfigured(providerType);
}

/** `POST /api/v2/ad/sync`: 3407, the pool has no AD connector with that id. */
export async function startAdSync(_ctx: ServiceContext, _connectionId: string): Promise<never> {
  throw ServiceErrors.adConnectorNotFound();
}
