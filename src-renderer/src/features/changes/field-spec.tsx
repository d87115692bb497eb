import { Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { z } from 'zod';
import { fieldErrors } from '@shared/zod-setup';
import { beijingWallTime } from '@shared/schemas/calendar';

/** One field of a change-form part or of a verb's dialog. `name` may be dotted (impactIfNot.customer). */
export interface FieldSpec {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'yesno' | 'choice' | 'multi' | 'tags' | 'datetime' | 'date' | 'number';
  options?: readonly string[];
  /** Options whose label differs from the stored value (systems: code → 名称). */
  choices?: ReadonlyArray<{ value: string; label: string }>;
  extra?: string;
  /** Shown only when another field has this value. */
  when?: { field: string; is: unknown };
}

const path = (name: string): string[] => name.split('.');

function getIn(o: unknown, name: string): unknown {
  return path(name).reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
}
function setIn(o: Record<string, unknown>, name: string, value: unknown): void {
  const keys = path(name);
  let cur = o;
  for (const k of keys.slice(0, -1)) cur = (cur[k] ??= {}) as Record<string, unknown>;
  cur[keys[keys.length - 1]!] = value;
}

/** Form values (dayjs for times) from stored values (ISO strings). */
export function toFormValues(specs: readonly FieldSpec[], stored: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of specs) {
    let v = getIn(stored, s.name);
    if (typeof v === 'string' && (s.kind === 'datetime' || s.kind === 'date')) {
      const wall = beijingWallTime(s.kind === 'date' ? `${v}T00:00+08:00` : v);
      v = wall ? dayjs(`${wall.date} ${String(Math.floor(wall.minutes / 60)).padStart(2, '0')}:${String(wall.minutes % 60).padStart(2, '0')}`) : undefined;
    }
    // An untouched checkbox list means "none of these", which is an answer (§12(2)).
    if (v === undefined && s.kind === 'multi') v = [];
    if (v !== undefined) setIn(out, s.name, v);
  }
  return out;
}

/** The call's input from form values: times as `2026-12-01 22:00` (Beijing), blanks left out. */
export function toInput(specs: readonly FieldSpec[], values: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of specs) {
    let v = getIn(values, s.name);
    if (dayjs.isDayjs(v)) v = (v as Dayjs).format(s.kind === 'date' ? 'YYYY-MM-DD' : 'YYYY-MM-DD HH:mm');
    if (v === '' || v === null || v === undefined) continue;
    if (s.when && getIn(values, s.when.field) !== s.when.is) continue;
    setIn(out, s.name, v);
  }
  return out;
}

/** Parses with the shared zod schema; on failure, the Chinese messages keyed by field for the form. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): { ok: true; value: z.output<S> } | { ok: false; fields: Record<string, string> } {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, fields: fieldErrors(r.error) };
}

/** Shows schema messages next to their fields; the rest come back to be shown above the form. */
export function fieldErrorList(specs: readonly FieldSpec[], fields: Record<string, string>): { onForm: Array<{ name: string[]; errors: string[] }>; rest: string[] } {
  const onForm: Array<{ name: string[]; errors: string[] }> = [];
  const rest: string[] = [];
  for (const [p, message] of Object.entries(fields)) {
    // Array items (systems.0) belong to their list field.
    const spec = specs.find((s) => p === s.name || p.startsWith(`${s.name}.`));
    if (spec) onForm.push({ name: path(spec.name), errors: [message] });
    else rest.push(message);
  }
  return { onForm, rest };
}

/**
 * Checks a dialog's input with the verb's schema; on failure shows the messages next to their
 * fields (the rest through `onRest`) and answers false. Shared by the change and project dialogs.
 */
export function checkOnForm(
  schema: z.ZodType,
  specs: readonly FieldSpec[],
  input: unknown,
  form: { setFields(fields: Array<{ name: string[]; errors: string[] }>): void },
  onRest: (message: string) => void,
): boolean {
  const checked = validate(schema, input);
  if (checked.ok) return true;
  const { onForm, rest } = fieldErrorList(specs, checked.fields);
  form.setFields(onForm);
  if (rest.length) onRest(rest.join('；'));
  return false;
}

/** Form.Item hands value/onChange (and id, aria) to its child: they go on to the real control. */
function Control({ spec, autoFocus, ...bound }: { spec: FieldSpec; autoFocus?: boolean } & Record<string, unknown>) {
  const options = spec.choices ? [...spec.choices] : (spec.options ?? []).map((o) => ({ value: o, label: o }));
  switch (spec.kind) {
    case 'text':
      return <Input autoFocus={autoFocus} {...bound} />;
    case 'textarea':
      return <Input.TextArea autoFocus={autoFocus} autoSize={{ minRows: 2, maxRows: 8 }} {...bound} />;
    case 'number':
      return <InputNumber autoFocus={autoFocus} min={0} style={{ width: 160 }} {...bound} />;
    case 'yesno':
      return (
        <Radio.Group {...bound}>
          <Radio value={true}>是</Radio>
          <Radio value={false}>否</Radio>
        </Radio.Group>
      );
    case 'choice':
      return options.length <= 4 ? <Radio.Group options={options} {...bound} /> : <Select autoFocus={autoFocus} options={options} allowClear {...bound} />;
    case 'multi':
      return <Checkbox.Group options={options} {...bound} />;
    case 'tags':
      return <Select mode="tags" autoFocus={autoFocus} options={options} optionFilterProp="label" tokenSeparators={['，', ',', '、']} {...bound} />;
    case 'datetime':
      return <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" autoFocus={autoFocus} {...bound} />;
    case 'date':
      return <DatePicker format="YYYY-MM-DD" autoFocus={autoFocus} {...bound} />;
  }
}

/** Renders the fields; hidden ones (`when`) follow the value they depend on. */
export function SpecFields({ specs, autoFocusFirst }: { specs: readonly FieldSpec[]; autoFocusFirst?: boolean }) {
  return (
    <>
      {specs.map((spec, i) => {
        const item = (
          <Form.Item key={spec.name} name={path(spec.name)} label={spec.label} extra={spec.extra}>
            <Control spec={spec} autoFocus={autoFocusFirst && i === 0} />
          </Form.Item>
        );
        if (!spec.when) return item;
        const { field, is } = spec.when;
        return (
          <Form.Item key={spec.name} noStyle shouldUpdate={(a, b) => getIn(a, field) !== getIn(b, field)}>
            {({ getFieldValue }) => (getFieldValue(path(field)) === is ? item : null)}
          </Form.Item>
        );
      })}
    </>
  );
}
