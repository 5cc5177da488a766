import { Errors } from '../../errors.js';
import * as assignments from '../../services/policy-assignments.js';
import { routes } from '../typed.js';

/** Policy assignments over REST (`acl.getPoliciesAssignmentsCondition`, official SDK 4.23.55). */
export const policyRoutes = routes({
  async getPoliciesAssignmentsCondition({ query }, rc) {
    const { service } = await rc.management();
    if (!query.policy_code) throw Errors.invalidInput('policy_code is required', '请提供 policy_code');
    if (!query.target_type) throw Errors.invalidInput('target_type is required', '请提供 target_type');
    // Every matching assignment (limit -1: no paging, as the endpoint has none).
    return assignments.listPolicyAssignments(service, { namespace: query.namespace, code: query.policy_code, targetType: query.target_type, limit: -1 });
  },
});
