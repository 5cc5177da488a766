import { countAppLoginUsers, countAppLoginUsersWithField, idOfArn, listAuditLogs, listUserActions } from '../../services/audit.js';
import { routes } from '../typed.js';

const list = (...v: (readonly string[] | string | undefined)[]) => v.flatMap((x) => x ?? []).filter((s) => s !== '');

/** `GET /api/v2/analysis/*`: the recorded user and management actions, and counts made from them (management). */
export const analysisRoutes = routes({
  async listUserActions({ query }, rc) {
    const { service } = await rc.management();
    return listUserActions(service, {
      clientIp: query.clientip,
      operationNames: list(query['operation_name[]'], query.operation_name, query.eventType),
      operatorIds: [...list(query['operator_arn[]'], query.operator_arn).map(idOfArn), ...list(query.userId)],
      appIds: list(query['app_id[]'], query.app_id),
      excludeNonAppRecords: query.exclude_non_app_records === '1',
      start: query.start,
      end: query.end,
      page: query.page,
      limit: query.limit,
    });
  },

  async listAuditLogs({ query }, rc) {
    const { service } = await rc.management();
    return listAuditLogs(service, {
      clientIp: query.clientip,
      operationNames: list(query['operation_name[]'], query.eventType),
      operatorIds: [...list(query['operator_arn[]']).map(idOfArn), ...list(query.userId)],
      appIds: list(query['app_id[]'], query.app_id),
      start: query.start,
      end: query.end,
      page: query.page,
      limit: query.limit,
    });
  },

  async getApplicationLoginUserNum({ query }, rc) {
    const { service } = await rc.management();
    return countAppLoginUsers(service, query.appId);
  },

  async getUdfFieldUserNum({ query }, rc) {
    const { service } = await rc.management();
    return countAppLoginUsersWithField(service, query.appId, query.definedFieldKey);
  },
});
