import type { HttpTransport } from './http-transport';
import { isId, isJsonObject, parseJsonText } from './json-shape';
import { toNamed, type OdooCall } from './odoo-call';
import { fromHttpAnswer, unexpectedAnswer, type ErrorScope } from './odoo-error-from';
import type { ConnectionSettings, OdooProtocol, ServerVersion } from './protocol';
import { parseServerVersion } from './server-version';

/** JSON-2 over `POST /json/2/<model>/<method>` (Odoo 19+): bearer API key, parameters by name. */
export function createJson2Protocol(connection: ConnectionSettings, http: HttpTransport): OdooProtocol {
  let cachedUid: Promise<number> | undefined;
  const headers = { Authorization: `bearer ${connection.apiKey}`, 'X-Odoo-Database': connection.database };

  async function call(call: OdooCall): Promise<unknown> {
    const scope: ErrorScope = { model: call.model, method: call.method, secret: connection.apiKey };
    const path = `/json/2/${encodeURIComponent(call.model)}/${encodeURIComponent(call.method)}`;
    const answer = await http.post(path, toNamed(call), headers, scope);
    if (answer.status !== 200) throw fromHttpAnswer(answer, scope);
    const parsed = parseJsonText(answer.text);
    if (!parsed.ok) throw unexpectedAnswer(scope, 'a JSON body');
    return parsed.value;
  }

  async function authenticate(): Promise<number> {
    // JSON-2 has no login call: the key is checked on every request, and context_get tells whose it is.
    const context = await call({ model: 'res.users', method: 'context_get' });
    const uid = isJsonObject(context) ? context.uid : undefined;
    if (!isId(uid)) throw unexpectedAnswer({ model: 'res.users', method: 'context_get', secret: connection.apiKey }, 'a context with uid');
    return uid;
  }

  return {
    name: 'json2',
    async version(): Promise<ServerVersion> {
      const scope: ErrorScope = { method: 'version', secret: connection.apiKey };
      const answer = await http.get('/web/version', {}, scope);
      if (answer.status !== 200) throw fromHttpAnswer(answer, scope);
      const parsed = parseJsonText(answer.text);
      const version = parsed.ok ? parseServerVersion(parsed.value) : undefined;
      if (version === undefined) throw unexpectedAnswer(scope, 'version and version_info');
      return version;
    },
    authenticate(): Promise<number> {
      cachedUid ??= authenticate().catch((error: unknown) => {
        cachedUid = undefined;
        throw error;
      });
      return cachedUid;
    },
    call,
  };
}
