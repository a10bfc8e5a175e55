import { z } from 'zod';
import { ROUTE_ACCESS, type Access } from '../auth/roles';
import { ROUTE_DOCS, type RouteDoc } from './schemas';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
type Method = (typeof METHODS)[number];

/** One API operation as the reference lists it. */
export interface Operation {
  method: Method;
  /** Hono's path, the key of ROUTE_ACCESS: `/api/flows/:id`. */
  honoPath: string;
  /** OpenAPI's path: `/api/flows/{id}`. */
  path: string;
  access: Access;
  area: string;
  doc: RouteDoc | undefined;
}

type JsonSchema = Record<string, unknown>;

/**
 * The operations the app serves: every registered route that the access
 * table guards. The editor's catch-all and static files are not API.
 */
export function apiOperations(routes: ReadonlyArray<{ method: string; path: string }>): Operation[] {
  const seen = new Set<string>();
  const operations: Operation[] = [];
  for (const route of routes) {
    const method = METHODS.find((m) => m === route.method);
    const key = `${route.method} ${route.path}`;
    const access = ROUTE_ACCESS[key];
    // The guard registers a check and a handler: two entries for one route.
    if (!method || access === undefined || seen.has(key)) continue;
    seen.add(key);
    const doc = ROUTE_DOCS[key];
    operations.push({ method, honoPath: route.path, path: openApiPath(route.path), access, area: doc?.area ?? areaOf(route.path), doc });
  }
  return operations;
}

/** `/api/flows/:id` → `/api/flows/{id}`; `/hooks/:path{.+}` → `/hooks/{path}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)(\{[^}]*\})?/g, '{$1}');
}

function areaOf(path: string): string {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'hooks') return 'webhooks';
  if (parts[0] !== 'api' || !parts[1]) return 'system';
  return parts[1];
}

/** Who may call, in words, for descriptions and the reference page. */
export function describeAccess(access: Access): string {
  if (access === 'public') return 'public (no login)';
  if (access === 'any') return 'any signed-in user';
  return ['admin', ...access].join(', ');
}

/** A zod schema as plain JSON Schema, describing what a caller sends (defaults make keys optional). */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

const errorSchema: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'issues'],
      properties: {
        code: { type: 'string', description: 'machine-readable, e.g. invalid_request, not_found, forbidden, conflict' },
        message: { type: 'string' },
        issues: {
          type: 'array',
          description: 'one per problem; path names the field, e.g. body.nodes.2.config.model',
          items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
};

/** The error answer every route shares, as JSON Schema. */
export const ERROR_SCHEMA: Readonly<JsonSchema> = errorSchema;

/** Builds the OpenAPI 3.1 document for the given registered routes. */
export function openApiDocument(routes: ReadonlyArray<{ method: string; path: string }>, serverUrl?: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of apiOperations(routes)) {
    (paths[op.path] ??= {})[op.method.toLowerCase()] = operationObject(op);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ledgerflow API',
      version: '1',
      description:
        'Integration flows for finance teams that run Odoo. Authenticate with `POST /api/auth/login` and send `Authorization: Bearer <token>`, or use the session cookie (writes then need the `x-csrf-token` header from the `lf_csrf` cookie). Admin may call every route. Errors are always `{ error: { code, message, issues: [{ path, message }] } }`.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A session token from POST /api/auth/login or an API token from POST /api/tokens' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'lf_session', description: 'Browser session; non-GET requests also need the x-csrf-token header' },
      },
      responses: {
        Error: { description: 'The request was refused; `issues` names each field', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    },
  };
}

function operationObject(op: Operation): Record<string, unknown> {
  const doc = op.doc;
  const params = [...pathParameters(op.path), ...(doc?.query ? queryParameters(doc.query) : [])];
  const success = String(doc?.status ?? 200);
  const errors = op.access === 'public' ? ['400', '404'] : ['400', '401', '403', '404'];
  return {
    operationId: `${op.method.toLowerCase()}${op.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: doc?.summary ?? `${op.method} ${op.path}`,
    description: `Roles: ${describeAccess(op.access)}.${doc?.returns ? ` Returns ${doc.returns}.` : ''}`,
    tags: [op.area],
    'x-roles': op.access === 'public' || op.access === 'any' ? op.access : ['admin', ...op.access],
    security: op.access === 'public' ? [] : [{ bearer: [] }, { cookie: [] }],
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(doc?.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(doc.body) } } } } : {}),
    responses: {
      [success]: { description: doc?.returns ?? 'OK' },
      ...Object.fromEntries(errors.map((status) => [status, { $ref: '#/components/responses/Error' }])),
    },
  };
}

function pathParameters(path: string): JsonSchema[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
}

const queryShape = z.object({ properties: z.record(z.string(), z.record(z.string(), z.unknown())).default({}), required: z.array(z.string()).default([]) });

function queryParameters(schema: z.ZodType): JsonSchema[] {
  const shape = queryShape.parse(jsonSchemaOf(schema));
  return Object.entries(shape.properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: shape.required.includes(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}
