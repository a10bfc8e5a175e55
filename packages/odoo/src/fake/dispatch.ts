import type { FakeEnv, MethodDef, ModelDef } from './model-types';
import { odooRaise } from './odoo-exception';
import { ormMethods } from './orm-methods';
import { ensureExist } from './orm-write';

/** Methods that accept ids of deleted records (they filter instead of failing). */
const TOLERATES_MISSING = new Set(['read', 'exists']);

function resolve(env: FakeEnv, modelName: string, method: string): { model: ModelDef; def: MethodDef } {
  const json2 = env.protocol === 'json2';
  const model = env.models.get(modelName);
  if (model === undefined) throw json2 ? odooRaise.notFound(`the model '${modelName}' does not exist`) : odooRaise.userError(`Object ${modelName} doesn't exist`);
  if (method.startsWith('_')) throw odooRaise.accessError(`Private methods (such as ${method}) cannot be called remotely.`);
  const def = model.methods?.[method] ?? (Object.hasOwn(ormMethods, method) ? ormMethods[method] : undefined);
  if (def === undefined) {
    throw json2 ? odooRaise.notFound(`The method '${modelName}.${method}' does not exist`) : odooRaise.attributeError(`The method '${method}' does not exist on the model '${modelName}'`);
  }
  return { model, def };
}

function paramsOf(def: MethodDef, version: number): readonly string[] {
  return typeof def.params === 'function' ? def.params(version) : def.params;
}

function toIds(value: unknown): number[] {
  if (typeof value === 'number' && Number.isInteger(value)) return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'number' && Number.isInteger(item))) return value;
  if (value === false || value === null || value === undefined) return [];
  throw odooRaise.typeError(`expected a list of ids, got ${JSON.stringify(value)}`);
}

function run(env: FakeEnv, model: ModelDef, method: string, def: MethodDef, ids: number[], args: Record<string, unknown>): unknown {
  const params = paramsOf(def, env.version);
  for (const name of params.slice(0, def.required ?? 0)) {
    if (!(name in args)) throw raiseArgument(env, `${method}() missing 1 required positional argument: '${name}'`);
  }
  // Each call is its own transaction: an exception rolls every change back.
  return env.db.transaction(() => {
    if (def.api === 'record' && !TOLERATES_MISSING.has(method)) ensureExist(env, model, ids);
    return def.run({ env, model, ids, args }) ?? null;
  });
}

function raiseArgument(env: FakeEnv, message: string): Error {
  return env.protocol === 'json2' ? odooRaise.unprocessable(message) : odooRaise.typeError(message);
}

/** A JSON-RPC `execute_kw`: ids first for record methods, then positional args, then kwargs. */
export function dispatchPositional(env: FakeEnv, modelName: string, method: string, args: readonly unknown[], kwargs: Record<string, unknown>): unknown {
  const { model, def } = resolve(env, modelName, method);
  const params = paramsOf(def, env.version);
  const ids = def.api === 'record' ? toIds(args[0]) : [];
  const positional = def.api === 'record' ? args.slice(1) : args;
  if (def.api === 'record' && args.length === 0) throw odooRaise.typeError(`${method}() missing 1 required positional argument: 'self'`);
  if (positional.length > params.length) {
    throw odooRaise.typeError(`${method}() takes ${params.length + 1} positional arguments but ${positional.length + 1} were given`);
  }
  const bound: Record<string, unknown> = {};
  positional.forEach((value, index) => {
    const name = params[index];
    if (name !== undefined) bound[name] = value;
  });
  for (const [name, value] of Object.entries(kwargs)) {
    if (name === 'context') continue;
    if (!params.includes(name)) throw odooRaise.typeError(`${method}() got an unexpected keyword argument '${name}'`);
    if (name in bound) throw odooRaise.typeError(`${method}() got multiple values for argument '${name}'`);
    bound[name] = value;
  }
  return run(env, model, method, def, ids, bound);
}

/** A JSON-2 call: `ids`, `context` and every parameter by name. */
export function dispatchNamed(env: FakeEnv, modelName: string, method: string, body: Record<string, unknown>): unknown {
  const { model, def } = resolve(env, modelName, method);
  const params = paramsOf(def, env.version);
  const { ids: rawIds, context: _context, ...named } = body;
  const ids = toIds(rawIds);
  if (def.api === 'model' && ids.length > 0) throw odooRaise.unprocessable(`cannot call ${modelName}.${method} with ids`);
  for (const name of Object.keys(named)) {
    if (!params.includes(name)) throw odooRaise.unprocessable(`${method}() got an unexpected keyword argument '${name}'`);
  }
  return run(env, model, method, def, ids, named);
}
