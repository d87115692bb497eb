import { z } from 'zod';

// Every schema error a person may see is in Chinese, on both sides of every door.
z.config(z.locales.zhCN());

/** Flattens a zod error into { 'dotted.path': message } for showing next to fields. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '(输入)';
    out[key] ??= issue.message;
  }
  return out;
}
