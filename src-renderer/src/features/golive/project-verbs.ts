import { fieldLabel } from '@shared/schemas/change-form';
import { accessCommandSchemas, CHECK_ITEMS, DELIVERY_KINDS, rolloutCommandSchemas, type RolloutFormState, type RolloutKind } from '@shared/schemas/project-forms';
import type { z } from 'zod';
import type { FieldSpec } from '../changes/field-spec';

// The fields of each go-live/release/access verb's dialog (§28–§35, §17(6)–(7)), read from the
// verb's shared zod schema: its fields in order, each labelled by the schema's own name for it,
// its kind from the schema (是/否, a choice, a date, a time, a short or long text). A verb only
// says what the schema cannot: choices drawn from the form or the directory, notes, fields left
// to their own editors (savePlan's steps, 附件3's components).

type Override = Partial<FieldSpec> | null;

/** The kind of input a field's schema asks for. */
function kindOf(schema: z.ZodType): FieldSpec['kind'] {
  let s = schema as z.ZodType & { _zod: { def: { type: string; innerType?: z.ZodType } } };
  while (s._zod.def.type === 'optional' || s._zod.def.type === 'default') s = s._zod.def.innerType as typeof s;
  switch (s._zod.def.type) {
    case 'boolean':
      return 'yesno';
    case 'enum':
      return 'choice';
    case 'array':
      return 'tags';
    case 'pipe':
      return 'datetime';
    default: {
      // A date is a text that takes 2026-01-01 and refuses anything else.
      if (s.safeParse('2026-01-01').success && !s.safeParse('日期').success) return 'date';
      const max = (s as unknown as { maxLength?: number | null }).maxLength;
      return max !== null && max !== undefined && max <= 500 ? 'text' : 'textarea';
    }
  }
}

/** The dialog fields of a schema, in its order; an override changes a field, `null` leaves it out. */
function fieldsOf(schema: z.ZodObject, overrides: Record<string, Override> = {}): FieldSpec[] {
  const out: FieldSpec[] = [];
  for (const [name, field] of Object.entries(schema.shape) as Array<[string, z.ZodType]>) {
    const o = overrides[name];
    if (o === null) continue;
    const kind = kindOf(field);
    const options = kind === 'choice' ? (field as unknown as { options?: readonly string[] }).options : undefined;
    out.push({ name, label: fieldLabel(field) ?? name, kind, ...(options && !o?.choices ? { options } : {}), ...o });
  }
  return out;
}

type Choices = ReadonlyArray<{ value: string; label: string }>;

/** `systems`: the register's systems to choose from (名称（代码）); without it, codes are typed. */
export function applicationFields(kind: RolloutKind, systems: Choices = []): FieldSpec[] {
  const word = kind === 'golive' ? '上线' : '发布';
  return fieldsOf(rolloutCommandSchemas.create, {
    systems: systems.length ? { choices: systems, extra: '从系统登记中选择，可输入名称或代码' } : { extra: '系统代码，如 EBANK' },
    businessUnit: { extra: '单位代码，如 RETAIL；该部门负责人签署测试验收报告' },
    // The application date is the day it is created.
    appliedOn: null,
    content: { label: `${word}内容` },
    plannedDate: { label: `计划${word}日期` },
  });
}

/** What a verb's dialog needs beyond its schema, from the form and the person acting. */
function rolloutOverrides(kind: RolloutKind, verb: string, form: RolloutFormState | undefined, me: string): Record<string, Override> {
  switch (verb) {
    case 'recordTestReport':
      return { reportTitle: { label: kind === 'golive' ? '《用户测试验收报告》名称' : '《系统测试验收报告》名称' } };
    case 'savePlan':
      return { steps: null, ...(kind === 'golive' ? {} : { environment: null }) };
    case 'recordDelivery':
      return { what: { choices: Object.entries(DELIVERY_KINDS).map(([value, label]) => ({ value, label })) } };
    case 'recordVersionTable':
      return { components: null };
    case 'tickStep': {
      const mine = (form?.checklist ?? []).filter((l) => !l.done && l.assigneeUserId === me);
      return { lineId: { kind: 'choice', choices: mine.map((l) => ({ value: l.id, label: `${l.label}（计划 ${l.plannedAt.slice(0, 16).replace('T', ' ')}）` })) } };
    }
    case 'resolveProblem': {
      const open = (form?.trial.problems ?? []).filter((p) => !p.resolution);
      return { problemId: { label: '问题', kind: 'choice', choices: open.map((p) => ({ value: p.id, label: `${p.id} ${p.description}` })) } };
    }
    default:
      return {};
  }
}

export function verbFields(kind: RolloutKind, verb: string, form: RolloutFormState | undefined, me: string, systems: Choices = []): FieldSpec[] {
  if (verb === 'create' || verb === 'saveApplication') return applicationFields(kind, systems);
  const schema = rolloutCommandSchemas[verb as keyof typeof rolloutCommandSchemas] as z.ZodObject | undefined;
  return schema ? fieldsOf(schema, rolloutOverrides(kind, verb, form, me)) : [];
}

export function checkItemChoices(kind: RolloutKind) {
  return Object.entries(CHECK_ITEMS[kind]).map(([value, d]) => ({ value, label: `${d.label}（${d.article}）`, role: d.role }));
}

/** 生产系统访问登记 (§17(6)–(7)): the dialog of each verb; `sysadmins` to choose the supervisor from. */
export function accessFields(verb: string, sysadmins: ReadonlyArray<{ value: string; label: string }>): FieldSpec[] {
  const schema = accessCommandSchemas[verb as keyof typeof accessCommandSchemas] as z.ZodObject | undefined;
  if (!schema) return [];
  return fieldsOf(schema, verb === 'create' ? { system: { extra: '系统代码，如 CORE' } } : verb === 'approve' ? { supervisorUserId: { kind: 'choice', choices: sysadmins } } : {});
}
