import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { CallName } from '@shared/api';
import { accessCommandSchemas, rolloutCommandSchemas, type ProjectAction, type ProjectKind, type ProjectView, type RolloutFormState } from '@shared/schemas/project-forms';
import type { User } from '@shared/schemas/directory';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space, message } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { useSessionStore } from '../../stores/session.store';
import { useSettingsStore } from '../../stores/settings.store';
import { useSystemNames } from '../common/system-names';
import { checkOnForm, SpecFields, toFormValues, toInput } from '../changes/field-spec';
import { accessFields, checkItemChoices, verbFields } from './project-verbs';

interface StepValue {
  item?: string;
  task?: string;
  assigneeUserId?: string;
  plannedAt?: Dayjs;
}

/**
 * One verb of a go-live or release: its fields checked with the verb's shared zod schema, then
 * the call `<kind>:<verb>`; a refusal is shown in the service's words with its article.
 */
export function ProjectActionDialog(props: { kind: ProjectKind; action: ProjectAction; form?: RolloutFormState; formId?: string; onDone(view: ProjectView): void; onClose(): void }) {
  const { kind, action, form: state } = props;
  const me = useSessionStore((s) => s.session?.user.id ?? '');
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [users, setUsers] = useState<User[]>([]);
  const verb: string = action.name;
  const sysadmins = users.filter((u) => u.roles.includes('sysadmin') && !u.roles.includes('developer')).map((u) => ({ value: u.id, label: u.name }));
  // 涉及系统 chosen from the register by name or code (the form keeps the codes).
  const systems = useSettingsStore((s) => s.systems);
  useSystemNames();
  const systemChoices = systems.map((x) => ({ value: x.code, label: `${x.name}（${x.code}）` }));
  const specs = kind === 'access' ? accessFields(verb, sysadmins) : verbFields(kind, verb, state, me, systemChoices);
  const schema = (kind === 'access' ? accessCommandSchemas : rolloutCommandSchemas)[verb as never] as (typeof rolloutCommandSchemas)['submit'];
  const planning = verb === 'savePlan';
  const versioning = verb === 'recordVersionTable';

  useEffect(() => {
    if (planning || (kind === 'access' && verb === 'approve')) void call('directory:users', {}).then(setUsers, () => setUsers([]));
    const initial = verb === 'saveApplication' ? state?.application : verb === 'savePlan' ? state?.plan : undefined;
    if (initial) form.setFieldsValue(toFormValues(specs, initial));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [verb]);

  async function submit(): Promise<void> {
    setError(undefined);
    const values = form.getFieldsValue(true) as Record<string, unknown>;
    const input = toInput(specs, values);
    if (planning) {
      const steps = (values.steps as StepValue[] | undefined) ?? [];
      input.steps = steps.map((s) => ({ item: s.item, task: s.task, assigneeUserId: s.assigneeUserId, plannedAt: s.plannedAt?.format('YYYY-MM-DD HH:mm') }));
    }
    if (versioning) {
      // One component a line: 名称 版本 校验值 (版本 may be left out).
      const lines = String(values.components ?? '').split('\n').map((l) => l.trim().split(/\s+/)).filter((p) => p[0]);
      input.components = lines.map((p) => (p.length >= 3 ? { name: p[0], version: p[1], checksum: p[2] } : { name: p[0], checksum: p[1] ?? '' }));
    }
    if (!checkOnForm(schema, specs, input, form, setError)) return;
    setBusy(true);
    try {
      const name = `${kind}:${verb}` as CallName;
      const view = (await call(name as 'golive:submit', (verb === 'create' ? input : { ...input, formId: props.formId ?? state?.formId ?? '' }) as never)) as ProjectView;
      void message.success(`已${action.label}`);
      props.onDone(view);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const items = kind === 'access' ? [] : checkItemChoices(kind);
  return (
    <Modal open title={action.label} okText="确定" cancelText="取消" confirmLoading={busy} onOk={() => void submit()} onCancel={props.onClose} width={760} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 16 }} data-testid="refusal" />}
      {action.warning && <Alert type="warning" showIcon message={action.warning} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="horizontal" labelCol={{ flex: '150px' }}>
        <SpecFields specs={specs} autoFocusFirst />
        {versioning && (
          <Form.Item name="components" label="版本组件" extra="每行一个组件：名称 版本 校验值（MD5/SHA，十六进制）">
            <Input.TextArea autoSize={{ minRows: 3 }} />
          </Form.Item>
        )}
        {planning && (
          <Form.List name="steps" initialValue={(state?.plan.steps ?? []).map((s) => ({ item: s.item, task: s.task, assigneeUserId: s.assigneeUserId }))}>
            {(fields, { add, remove }) => (
              <Form.Item label="步骤、责任人和时间安排">
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap style={{ marginBottom: 4 }} data-testid="plan-step">
                    <Form.Item name={[f.name, 'item']} noStyle>
                      <Select placeholder="检查项" options={items} style={{ width: 220 }} aria-label="检查项" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'task']} noStyle>
                      <Input placeholder="工作内容" style={{ width: 140 }} aria-label="工作内容" />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {({ getFieldValue }) => {
                        const role = items.find((i) => i.value === getFieldValue(['steps', f.name, 'item']))?.role;
                        return (
                          <Form.Item name={[f.name, 'assigneeUserId']} noStyle>
                            <Select
                              placeholder="责任人"
                              style={{ width: 110 }}
                              aria-label="责任人"
                              options={users.filter((u) => !role || u.roles.includes(role)).map((u) => ({ value: u.id, label: u.name }))}
                            />
                          </Form.Item>
                        );
                      }}
                    </Form.Item>
                    <Form.Item name={[f.name, 'plannedAt']} noStyle>
                      <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder="计划时间" aria-label="计划时间" />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除此步" />
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                  增加一步
                </Button>
              </Form.Item>
            )}
          </Form.List>
        )}
      </Form>
    </Modal>
  );
}
