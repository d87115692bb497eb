import { expect } from 'vitest';

/** A command refused with this code and message (the domain's and the services' refusals alike). */
export function expectRefused(a: { ok: true } | { ok: false; code: string; message: string }, code: string, message: string | RegExp): void {
  expect(a.ok).toBe(false);
  if (a.ok) return;
  expect(a.code).toBe(code);
  if (typeof message === 'string') expect(a.message).toBe(message);
  else expect(a.message).toMatch(message);
}
