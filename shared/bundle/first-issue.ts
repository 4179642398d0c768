// The first schema problem of a document, found without collecting them all. zod reports every issue,
// so an array of a million empty objects would build tens of millions of issue objects (and hang the
// import): here arrays and objects are walked element by element and the walk stops at the first one.
import { z } from 'zod';

export interface FirstIssue {
  path: Array<string | number>;
  message: string;
}

/** The first issue of `value` against `schema`, in zod's order (object members in schema order, array elements in order). */
export function firstIssue(schema: z.ZodType, value: unknown, path: Array<string | number> = []): FirstIssue | null {
  if (schema instanceof z.ZodOptional) return value === undefined ? null : firstIssue(schema.unwrap() as z.ZodType, value, path);
  if (schema instanceof z.ZodNullable) return value === null ? null : firstIssue(schema.unwrap() as z.ZodType, value, path);
  if (schema instanceof z.ZodDefault) return value === undefined ? null : firstIssue(schema.unwrap() as z.ZodType, value, path);
  if (schema instanceof z.ZodArray && Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const issue = firstIssue(schema.element as z.ZodType, value[i], [...path, i]);
      if (issue) return issue;
    }
  } else if (schema instanceof z.ZodObject && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const [key, member] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const issue = firstIssue(member, record[key], [...path, key]);
      if (issue) return issue;
    }
  }
  // Leaves, unions, and what the walk above passed (array length, unknown keys, refinements): a bounded number of issues.
  const res = schema.safeParse(value);
  if (res.success) return null;
  const issue = res.error.issues[0];
  return issue ? { path: [...path, ...(issue.path as Array<string | number>)], message: issue.message } : { path, message: 'invalid' };
}
