import { OdooError, OdooErrorNames } from './errors';
import type { HttpTransport } from './http-transport';
import { isId, isJsonObject, parseJsonText } from './json-shape';
import { toPositional, type OdooCall } from './odoo-call';
import { fromHttpAnswer, fromJsonRpcError, unexpectedAnswer, type ErrorScope } from './odoo-error-from';
import type { ConnectionSettings, OdooProtocol, ServerVersion } from './protocol';
import { parseServerVersion } from './server-version';

/** JSON-RPC over `POST /jsonrpc` (Odoo 16–19): `common` for login, `object.execute_kw` for models. */
export function createJsonRpcProtocol(connection: ConnectionSettings, http: HttpTransport): OdooProtocol {
  let nextRequestId = 1;
  let cachedUid: Promise<number> | undefined;

  async function rpc(service: string, method: string, args: unknown[], scope: ErrorScope): Promise<unknown> {
    const envelope = { jsonrpc: '2.0', method: 'call', id: nextRequestId++, params: { service, method, args } };
    const answer = await http.post('/jsonrpc', envelope, {}, scope);
    if (answer.status !== 200) throw fromHttpAnswer(answer, scope);
    const parsed = parseJsonText(answer.text);
    if (!parsed.ok || !isJsonObject(parsed.value)) throw unexpectedAnswer(scope, 'a JSON-RPC envelope');
    const body = parsed.value;
    if (body.error !== undefined && body.error !== null) throw fromJsonRpcError(body.error, scope);
    // Odoo omits `result` when the method returned None.
    return body.result === undefined ? null : body.result;
  }

  async function authenticate(): Promise<number> {
    const scope: ErrorScope = { method: 'authenticate', secret: connection.apiKey };
    const uid = await rpc('common', 'authenticate', [connection.database, connection.login, connection.apiKey, {}], scope);
    if (uid === false) {
      // Odoo answers `false`, not an error, to bad credentials.
      throw new OdooError({ odooName: OdooErrorNames.accessDenied, odooMessage: 'Access Denied', method: 'authenticate', retryable: false });
    }
    if (!isId(uid)) throw unexpectedAnswer(scope, 'a user id or false');
    return uid;
  }

  function uid(): Promise<number> {
    cachedUid ??= authenticate().catch((error: unknown) => {
      cachedUid = undefined;
      throw error;
    });
    return cachedUid;
  }

  async function executeKw(call: OdooCall, userId: number): Promise<unknown> {
    const { args, kwargs } = toPositional(call);
    const scope: ErrorScope = { model: call.model, method: call.method, secret: connection.apiKey };
    const envelopeArgs = [connection.database, userId, connection.apiKey, call.model, call.method, args, kwargs];
    return rpc('object', 'execute_kw', envelopeArgs, scope);
  }

  return {
    name: 'jsonrpc',
    async version(): Promise<ServerVersion> {
      const scope: ErrorScope = { method: 'version', secret: connection.apiKey };
      const version = parseServerVersion(await rpc('common', 'version', [], scope));
      if (version === undefined) throw unexpectedAnswer(scope, 'server_version and server_version_info');
      return version;
    },
    authenticate: () => uid(),
    async call(call: OdooCall): Promise<unknown> {
      const wasCached = cachedUid !== undefined;
      const userId = await uid();
      try {
        return await executeKw(call, userId);
      } catch (error) {
        // A cached uid may be stale (key rotated, user recreated): log in again once, then give up.
        if (!wasCached || !(error instanceof OdooError) || error.odooName !== OdooErrorNames.accessDenied) throw error;
        cachedUid = undefined;
        return executeKw(call, await uid());
      }
    },
  };
}
