import { changeCommandSchemas, type ChangeAction, type ChangeCommandName } from '@shared/schemas/change-form';
import { Alert, Form, Modal, Radio, Typography, message } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useChangesStore } from '../../stores/changes.store';
import { checkOnForm, SpecFields, toInput } from './field-spec';
import { APPROVAL_PAIRS, VERB_FIELDS } from './verb-fields';

export interface DialogTarget {
  action: ChangeAction;
  /** For an approval: the verb that records 不同意 (and whether it is allowed). */
  refuse?: ChangeAction;
}

/**
 * The dialog of one verb: its fields checked with the verb's shared zod schema (messages next
 * to the field), then the call; a refusal is shown in the service's words with its article.
 */
export function ActionDialog({ target, onClose }: { target: DialogTarget; onClose(): void }) {
  const [form] = Form.useForm();
  const run = useChangesStore((s) => s.run);
  const [agree, setAgree] = useState<boolean>(target.action.allowed);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const pair = APPROVAL_PAIRS[target.action.name];
  const verb: Exclude<ChangeCommandName, 'create'> = (agree || !target.refuse ? target.action.name : target.refuse.name) as Exclude<ChangeCommandName, 'create'>;
  const specs = VERB_FIELDS[verb] ?? [];

  async function submit(): Promise<void> {
    setError(undefined);
    const input = toInput(specs, form.getFieldsValue(true));
    if (!checkOnForm(changeCommandSchemas[verb], specs, input, form, setError)) return;
    setBusy(true);
    try {
      const view = await run(verb, input);
      void message.success(`已${target.action.label}`);
      // e.g. §17(2): the override was used and is now on the form.
      for (const w of view.warnings ?? []) void message.warning(w);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={pair?.label ?? target.action.label}
      okText={pair ? (agree ? '同意' : '不同意') : '确定'}
      okButtonProps={{ danger: !!pair && !agree }}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 16 }} data-testid="refusal" />}
      {target.action.warning && <Alert type="warning" showIcon message={target.action.warning} style={{ marginBottom: 16 }} />}
      {/* No implicit submit: Enter in a date picker confirms the date, not the dialog. */}
      <Form form={form} layout="horizontal" labelCol={{ flex: '150px' }}>
        {pair && target.refuse && (
          <Form.Item label="审批结论">
            <Radio.Group value={agree} onChange={(e) => setAgree(e.target.value as boolean)}>
              <Radio value={true} disabled={!target.action.allowed}>
                同意
              </Radio>
              <Radio value={false} disabled={!target.refuse.allowed}>
                不同意（退回）
              </Radio>
            </Radio.Group>
          </Form.Item>
        )}
        {specs.length === 0 && <Typography.Paragraph>确认{target.action.label}？</Typography.Paragraph>}
        <SpecFields specs={specs} autoFocusFirst />
      </Form>
    </Modal>
  );
}
