import type { Implementations } from '../http/lambda.ts';
import { alertHandlers } from './alert-handlers.ts';
import { reportHandlers } from './report-handlers.ts';

/** The oversight function: alerts, the monitoring report and outcome surveys (DESIGN 3.8). */
export const oversightHandlers: Implementations<'oversight'> = { ...alertHandlers, ...reportHandlers };
