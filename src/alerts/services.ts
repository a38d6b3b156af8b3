import type { Knex } from 'knex';
import { AlertRepository } from './repository.js';
import { AlertService, type AlertServiceDeps } from './service.js';

/** Email alerts for a place or a category: built early, as routing and the notifier tell them. */
export function createAlertService(deps: Omit<AlertServiceDeps, 'alerts'> & { knex: Knex }): AlertService {
  return new AlertService({ ...deps, alerts: new AlertRepository(deps.knex) });
}
