/** A policy's assignments by target type, over REST. The public docs are on {@link AclClient}. */
import type { RequestOptions } from '../../core/options.js';
import type { ClientContext } from '../context.js';
import type { Paginated, PolicyAssignment } from '../types.js';
import { checkTargetType, requireId } from '../validate.js';

/** `GET /api/v2/policies/assignments/by-target`: every assignment of `policyCode` to targets of `targetType`. */
export async function policiesAssignmentsCondition(
  context: ClientContext,
  namespace: string | undefined,
  policyCode: string,
  targetType: string,
  requestOptions?: RequestOptions,
): Promise<Paginated<PolicyAssignment>> {
  requireId('policyCode', policyCode);
  checkTargetType('targetType', targetType, false);
  const query = { namespace, policy_code: policyCode, target_type: targetType };
  return context.transport.rest.GET('/api/v2/policies/assignments/by-target', { params: { query } }, requestOptions);
}
