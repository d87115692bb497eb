import type { ChangeCommandName } from '@shared/schemas/change-form';
import { changeCommandSchemas } from '@shared/schemas/change-form';
import { Alert, Button, Form, message } from 'antd';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/client';
import { useChangesStore } from '../../stores/changes.store';
import { fieldErrorList, SpecFields, toFormValues, toInput, validate, type FieldSpec } from './field-spec';

/** Part 二 or part 三's plan as one form, saved with its verb (saveAssessment, savePlan). */
export function PartForm({ verb, specs, stored }: { verb: Extract<ChangeCommandName, 'saveAssessment' | 'savePlan'>; specs: FieldSpec[]; stored: unknown }) {
  const [form] = Form.useForm();
  const run = useChangesStore((s) => s.run);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const initial = useMemo(() => toFormValues(specs, stored), [specs, stored]);

  async function save(): Promise<void> {
    setError(undefined);
    const input = toInput(specs, form.getFieldsValue(true));
    const r = validate(changeCommandSchemas[verb], input);
    if (!r.ok) {
      const { onForm, rest } = fieldErrorList(specs, r.fields);
      form.setFields(onForm);
      setError(rest.length ? rest.join('；') : '请按提示修改标红的内容');
      return;
    }
    setBusy(true);
    try {
      await run(verb, input);
      void message.success('已保存');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form form={form} layout="horizontal" labelCol={{ flex: '210px' }} wrapperCol={{ flex: 'auto' }} initialValues={initial} style={{ maxWidth: 860 }}>
      {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 16 }} />}
      <SpecFields specs={specs} />
      {/* A button, not a submit: Enter in a date picker confirms the date only. */}
      <Button type="primary" onClick={() => void save()} loading={busy} style={{ marginLeft: 210 }} data-testid={`save-${verb}`}>
        保存
      </Button>
    </Form>
  );
}
