/** @ledgerflow/odoo: an Odoo client (JSON-RPC and JSON-2) with classified errors, plus a fake Odoo for tests. */
export { createOdooClient } from './client';
export { createResolver, type OdooResolver } from './resolver';
export { x2many, type X2ManyCommand } from './x2many';
export { OdooError, OdooErrorNames, type OdooErrorInit } from './errors';
export { isRetryableOdooException, isRetryableHttpStatus, parseRetryAfter } from './error-classification';
export { splitXmlid } from './upsert';
export type {
  CreateOptions,
  OdooClient,
  OdooClientOptions,
  OdooConnectionConfig,
  OdooContext,
  OdooDomain,
  OdooProtocolName,
  OdooRecord,
  OdooValues,
  OdooVersion,
  SearchReadOptions,
  UpsertInput,
  UpsertKey,
  UpsertResult,
  WriteOptions,
} from './types';
export * from './fake/index';
