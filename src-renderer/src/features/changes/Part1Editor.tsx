import { Part1Schema } from '@shared/schemas/change-form';
import { Alert, Button, Form, Space, Steps, message } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import type { ChangeView } from '../../api/types';
import { useChangesStore } from '../../stores/changes.store';
import { useSessionStore } from '../../stores/session.store';
import { useSettingsStore } from '../../stores/settings.store';
import { fieldErrorList, SpecFields, toFormValues, toInput, validate, type FieldSpec } from './field-spec';
import { PART1_FIELDS, PART1_STEPS } from './verb-fields';

/**
 * Part 一 申请信息 (§8) as a guided form in three steps. A draft can be saved at any step;
 * 提交 saves and sends it to the department head (§9). The shared schema checks each field.
 */
export function Part1Editor({ view }: { view: ChangeView | undefined }) {
  const [form] = Form.useForm();
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState<'save' | 'submit'>();
  const [error, setError] = useState<string>();
  const navigate = useNavigate();
  const { create, run } = useChangesStore();
  const unitCode = useSessionStore((s) => s.session?.user.unitCode);
  const { systems, units, loadSystems, loadUnits } = useSettingsStore();
  useEffect(() => {
    void loadSystems();
    void loadUnits();
  }, [loadSystems, loadUnits]);
  // 申请部门 is the applicant's own unit (§8).
  const unitName = units.find((u) => u.code === unitCode)?.name;
  useEffect(() => {
    if (!view && unitName && !form.getFieldValue('applicantUnitName')) form.setFieldValue('applicantUnitName', unitName);
  }, [view, unitName, form]);

  const steps = useMemo(
    () =>
      PART1_STEPS.map((s) => ({
        ...s,
        fields: s.fields.map((f): FieldSpec => (f.name === 'systems' ? { ...f, choices: systems.map((x) => ({ value: x.code, label: `${x.name}（${x.code}）` })) } : f)),
      })),
    [systems],
  );
  const initial = useMemo(
    () => (view ? toFormValues(PART1_FIELDS, view.state.part1) : { applicantUnitName: unitName, appliedOn: dayjs(), urgency: '一般' }),
    [view, unitName],
  );

  /** Checks with the shared schema; errors go next to their fields and to the step holding the first. */
  function checked(): Record<string, unknown> | undefined {
    const input = toInput(PART1_FIELDS, form.getFieldsValue(true));
    const r = validate(Part1Schema, input);
    if (r.ok) return input;
    const { onForm, rest } = fieldErrorList(PART1_FIELDS, r.fields);
    form.setFields(onForm);
    const first = steps.findIndex((s) => s.fields.some((f) => onForm.some((e) => e.name.join('.') === f.name)));
    if (first >= 0) setStep(first);
    setError(rest.length ? rest.join('；') : '请按提示修改标红的内容');
    return undefined;
  }

  async function save(andSubmit: boolean): Promise<void> {
    setError(undefined);
    const input = checked();
    if (!input) return;
    setBusy(andSubmit ? 'submit' : 'save');
    try {
      const saved = view ? await run('saveDraft', input) : await create(input);
      if (andSubmit) await run('submit', {});
      void message.success(andSubmit ? '已提交部门负责人审批' : '草稿已保存');
      if (!view) navigate(`/changes/${saved.state.formId}`, { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <div>
      <Steps size="small" current={step} onChange={setStep} items={steps.map((s) => ({ title: s.title }))} style={{ marginBottom: 20, maxWidth: 640 }} />
      {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 16 }} data-testid="part1-error" />}
      <Form form={form} layout="horizontal" labelCol={{ flex: '190px' }} wrapperCol={{ flex: 'auto' }} initialValues={initial} aria-label="申请信息" style={{ maxWidth: 820 }}>
        {steps.map((s, i) => (
          <div key={s.title} hidden={i !== step}>
            <SpecFields specs={s.fields} autoFocusFirst={i === step} />
          </div>
        ))}
        <Space style={{ marginLeft: 190 }}>
          <Button disabled={step === 0} onClick={() => setStep(step - 1)}>
            上一步
          </Button>
          <Button disabled={step === steps.length - 1} onClick={() => setStep(step + 1)}>
            下一步
          </Button>
          <Button onClick={() => void save(false)} loading={busy === 'save'} data-testid="save-draft">
            保存草稿
          </Button>
          {step === steps.length - 1 && (
            <Button type="primary" onClick={() => void save(true)} loading={busy === 'submit'} data-testid="submit-part1">
              提交部门审批
            </Button>
          )}
        </Space>
      </Form>
    </div>
  );
}
