import { ApiCallError } from '@shared/errors';
import type { FormInstance } from 'antd';

/**
 * Puts a service's field-level refusals (`error.fields`, keyed by dotted path) next to the
 * matching fields. Returns the message still to show above the form, if any.
 */
export function showFieldErrors(form: FormInstance, e: unknown, known: readonly string[]): string | undefined {
  const message = e instanceof Error ? e.message : String(e);
  if (!(e instanceof ApiCallError) || !e.fields) return message;
  const onForm = Object.entries(e.fields).filter(([path]) => known.includes(path));
  form.setFields(onForm.map(([path, text]) => ({ name: path.split('.'), errors: [text] })));
  return onForm.length === Object.keys(e.fields).length ? undefined : message;
}
