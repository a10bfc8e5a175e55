import type { OdooClient } from '@ledgerflow/odoo';
import type { CircuitBreaker } from './circuit-breaker';

/** An Odoo client whose every call passes the connection's circuit breaker. */
export function guardedOdoo(client: OdooClient, breaker: CircuitBreaker): OdooClient {
  const guard = <T>(fn: () => Promise<T>) => breaker.call(fn);
  return {
    version: () => guard(() => client.version()),
    authenticate: () => guard(() => client.authenticate()),
    create: (model, values, options) => guard(() => client.create(model, values, options)),
    write: (model, ids, values, options) => guard(() => client.write(model, ids, values, options)),
    searchRead: (model, domain, options) => guard(() => client.searchRead(model, domain, options)),
    searchCount: (model, domain, options) => guard(() => client.searchCount(model, domain, options)),
    read: (model, ids, fields, options) => guard(() => client.read(model, ids, fields, options)),
    fieldsGet: (model, attributes) => guard(() => client.fieldsGet(model, attributes)),
    callMethod: (model, method, ids, kwargs) => guard(() => client.callMethod(model, method, ids, kwargs)),
    execute: (model, method, args, kwargs) => guard(() => client.execute(model, method, args, kwargs)),
    upsert: (model, input) => guard(() => client.upsert(model, input)),
  };
}
