import type { z } from 'zod';

/** One problem, with a dotted path into the document or request. */
export interface Issue {
  path: string;
  message: string;
}

/** Turns zod's path array into the dotted form our API and UI show (`nodes.2.config.model`). */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => String(p)).join('.');
}

/** Flattens a zod error into our issue list, prefixing each path. */
export function zodIssues(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): Issue[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message,
  }));
}
