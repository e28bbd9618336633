import {
  type AlertRecord,
  acknowledgeAlert,
  alertRuleTitles,
  getAlert,
  listAlerts,
  resolveAlert,
} from '@carepool/domain';
import type { ImplementationsOf } from '../http/lambda.ts';
import type { alertRoutes } from './alert-routes.ts';

/** The alert as the API shows it: the situation key and who raised it stay inside. */
export function alertView(alert: AlertRecord) {
  const { situationKey: _key, raisedBy: _by, version: _version, ...shown } = alert;
  return { ...shown, ruleTitle: alertRuleTitles[alert.rule] };
}

export const alertHandlers: ImplementationsOf<typeof alertRoutes> = {
  listAlerts: async ({ query, caller, requestId }, deps) => {
    const page = await listAlerts(deps.alerts, { caller, requestId }, query);
    return { ...page, items: page.items.map(alertView) };
  },
  getAlert: async ({ params, caller, requestId }, deps) =>
    alertView(await getAlert(deps.alerts, { caller, requestId }, params.alertId)),
  acknowledgeAlert: async ({ params, caller, requestId }, deps) =>
    alertView(await acknowledgeAlert(deps.alerts, { caller, requestId }, params.alertId)),
  resolveAlert: async ({ params, body, caller, requestId }, deps) =>
    alertView(await resolveAlert(deps.alerts, { caller, requestId }, params.alertId, body)),
};
