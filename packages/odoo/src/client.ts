import { createHttpTransport } from './http-transport';
import { createJson2Protocol } from './json2-protocol';
import { nameExecuteArgs } from './json2-named-args';
import { createJsonRpcProtocol } from './jsonrpc-protocol';
import type { OdooCall } from './odoo-call';
import type { ErrorScope } from './odoo-error-from';
import type { OdooProtocol } from './protocol';
import { detectProtocol, type SelectedProtocol } from './protocol-selection';
import { parseCount, parseFieldDescriptions, parseIds, parseRecords } from './result-parsers';
import type { OdooClient, OdooClientOptions, OdooConnectionConfig, OdooValues } from './types';
import { upsertRecord } from './upsert';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_CHUNK_SIZE = 100;

/** Creates a client for one Odoo database; the protocol is chosen once, on first use. */
export function createOdooClient(config: OdooConnectionConfig, options: OdooClientOptions = {}): OdooClient {
  const http = createHttpTransport({
    baseUrl: config.url,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  const connection = { database: config.database, login: config.login, apiKey: config.apiKey };
  const jsonrpc = createJsonRpcProtocol(connection, http);
  const json2 = createJson2Protocol(connection, http);
  let selection: Promise<SelectedProtocol> | undefined;

  function select(): Promise<SelectedProtocol> {
    if (config.protocol === 'jsonrpc') return Promise.resolve({ protocol: jsonrpc });
    if (config.protocol === 'json2') return Promise.resolve({ protocol: json2 });
    selection ??= detectProtocol(json2, jsonrpc).catch((error: unknown) => {
      selection = undefined; // detect again on the next call rather than caching an outage
      throw error;
    });
    return selection;
  }

  const protocol = async (): Promise<OdooProtocol> => (await select()).protocol;
  const call = async (odooCall: OdooCall): Promise<unknown> => (await protocol()).call(odooCall);
  const scope = (model: string, method: string): ErrorScope => ({ model, method, secret: config.apiKey });

  const client: OdooClient = {
    async version() {
      const selected = await select();
      const version = selected.version ?? (await selected.protocol.version());
      return { ...version, protocol: selected.protocol.name };
    },
    authenticate: async () => (await protocol()).authenticate(),
    async create(model, values, createOptions = {}) {
      const list: readonly OdooValues[] = isValuesList(values) ? values : [values];
      const chunkSize = Math.max(1, createOptions.chunkSize ?? DEFAULT_CHUNK_SIZE);
      const ids: number[] = [];
      for (let start = 0; start < list.length; start += chunkSize) {
        const chunk = list.slice(start, start + chunkSize);
        const answer = await call({ model, method: 'create', params: [['vals_list', chunk]], context: createOptions.context });
        ids.push(...parseIds(answer, scope(model, 'create')));
      }
      return ids;
    },
    async write(model, ids, values, writeOptions = {}) {
      const answer = await call({ model, method: 'write', ids, params: [['vals', values]], context: writeOptions.context });
      return answer === true;
    },
    async searchRead(model, domain, searchOptions = {}) {
      const { fields, limit, offset, order, context } = searchOptions;
      const answer = await call({ model, method: 'search_read', params: [['domain', domain]], kwargs: { fields, limit, offset, order }, context });
      return parseRecords(answer, scope(model, 'search_read'));
    },
    async searchCount(model, domain, countOptions = {}) {
      const answer = await call({ model, method: 'search_count', params: [['domain', domain]], context: countOptions.context });
      return parseCount(answer, scope(model, 'search_count'));
    },
    async read(model, ids, fields, readOptions = {}) {
      const answer = await call({ model, method: 'read', ids, kwargs: { fields }, context: readOptions.context });
      return parseRecords(answer, scope(model, 'read'));
    },
    async fieldsGet(model, attributes) {
      const answer = await call({ model, method: 'fields_get', kwargs: { attributes } });
      return parseFieldDescriptions(answer, scope(model, 'fields_get'));
    },
    callMethod: (model, method, ids, kwargs = {}) => {
      const { context, ...rest } = kwargs;
      return call({ model, method, ids, kwargs: rest, context: isRecord(context) ? context : undefined });
    },
    async execute(model, method, args, kwargs = {}) {
      const selected = await protocol();
      if (selected.name === 'json2') return selected.call(nameExecuteArgs(model, method, args, kwargs));
      const { context, ...rest } = kwargs;
      // JSON-RPC sends params positionally, so their names (here just indexes) never reach the wire.
      return selected.call({ model, method, params: args.map((value, index) => [String(index), value]), kwargs: rest, context: isRecord(context) ? context : undefined });
    },
    upsert: (model, input) => upsertRecord(client, model, input),
  };
  return client;
}

function isValuesList(values: OdooValues | readonly OdooValues[]): values is readonly OdooValues[] {
  return Array.isArray(values);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
