import { dispatchPositional } from './dispatch';
import { htmlPage, rpcError, rpcResult, type FakeAnswer } from './envelopes';
import { envFor, type FakeState } from './fake-state';
import { runModelCall } from './model-call';
import { FakeOdooException, odooRaise, unknownDatabase } from './odoo-exception';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function versionInfo(state: FakeState): Record<string, unknown> {
  const serie = `${state.version}.0`;
  return { server_version: serie, server_version_info: [state.version, 0, 0, 'final', 0, ''], server_serie: serie, protocol_version: 1 };
}

function checkDatabase(state: FakeState, database: unknown): void {
  if (database !== state.database) throw unknownDatabase(String(database));
}

/** `common`: version, and login/authenticate answering `false` (not an error) to bad credentials. */
function common(state: FakeState, method: string, args: readonly unknown[]): unknown {
  state.callLog.push({ protocol: 'jsonrpc', model: 'common', method, args: method === 'version' ? [] : args.slice(0, 2), kwargs: {}, at: state.now() });
  switch (method) {
    case 'version':
      return versionInfo(state);
    case 'login':
    case 'authenticate': {
      const [database, login, password] = args;
      checkDatabase(state, database);
      return login === state.login && password === state.apiKey ? state.uid : false;
    }
    default:
      throw odooRaise.exception(`Method not found: ${method}`);
  }
}

function db(state: FakeState, method: string, args: readonly unknown[]): unknown {
  if (method === 'list') return [state.database];
  if (method === 'server_version') return `${state.version}.0`;
  if (method === 'db_exist') return args[0] === state.database;
  throw odooRaise.exception(`Method not found: ${method}`);
}

/** `object.execute_kw` / `object.execute`: database, then credentials (every call), then the model. */
async function object(state: FakeState, id: unknown, method: string, args: readonly unknown[]): Promise<FakeAnswer | 'drop'> {
  if (method !== 'execute_kw' && method !== 'execute') throw odooRaise.exception(`Method not found: ${method}`);
  const [database, uid, password, model, modelMethod, ...rest] = args;
  checkDatabase(state, database);
  if (uid !== state.uid || password !== state.apiKey) throw odooRaise.accessDenied();
  if (typeof model !== 'string' || typeof modelMethod !== 'string') throw odooRaise.typeError('model and method must be strings');
  const callArgs = method === 'execute_kw' ? (Array.isArray(rest[0]) ? rest[0] : []) : rest;
  const kwargs = method === 'execute_kw' && isObject(rest[1]) ? rest[1] : {};
  return runModelCall(
    state,
    'jsonrpc',
    { model, method: modelMethod, args: callArgs, kwargs },
    () => answer(state, id, () => dispatchPositional(envFor(state, 'jsonrpc', kwargs.context), model, modelMethod, callArgs, kwargs)),
    () => rpcError(id, odooRaise.serializationFailure(), state.version),
  );
}

function answer(state: FakeState, id: unknown, work: () => unknown): FakeAnswer {
  try {
    return rpcResult(id, work());
  } catch (error) {
    return rpcError(id, asOdooException(error), state.version);
  }
}

function asOdooException(error: unknown): FakeOdooException {
  if (error instanceof FakeOdooException) return error;
  // A bug in the fake still answers like Odoo would for an unexpected Python error.
  return odooRaise.exception(error instanceof Error ? error.message : String(error));
}

/** Answers `POST /jsonrpc` with Odoo's envelopes (errors at HTTP 200). */
export async function handleJsonRpc(state: FakeState, rawBody: string): Promise<FakeAnswer | 'drop'> {
  let request: unknown;
  try {
    request = JSON.parse(rawBody);
  } catch {
    return htmlPage(400);
  }
  if (!isObject(request)) return htmlPage(400);
  const id = request.id ?? null;
  const params = isObject(request.params) ? request.params : {};
  const service = params.service;
  const method = typeof params.method === 'string' ? params.method : '';
  const args = Array.isArray(params.args) ? params.args : [];
  try {
    if (service === 'object') return await object(state, id, method, args);
    if (service === 'common') return rpcResult(id, common(state, method, args));
    if (service === 'db') return rpcResult(id, db(state, method, args));
    throw odooRaise.keyError(String(service));
  } catch (error) {
    return rpcError(id, asOdooException(error), state.version);
  }
}
