import { Hono } from 'hono';
import type { Env } from '../guard';
import type { RouteDeps } from '../routes/deps';
import { openApiDocument } from './document';
import { referencePage } from './reference-page';

type RouteList = ReadonlyArray<{ method: string; path: string }>;

/**
 * `GET /api/openapi.json` and `GET /api/reference`. The app's routes are read
 * at request time, so modules mounted after this one are listed too.
 */
export function openapiRoutes({ route }: RouteDeps, getApp: () => { routes: RouteList }) {
  const app = new Hono<Env>();
  route(app, 'GET', '/api/openapi.json', '', (c) => c.json(openApiDocument(getApp().routes)));
  route(app, 'GET', '/api/reference', '', (c) => c.html(referencePage(getApp().routes)));
  return app;
}
