import { UNIT_KINDS, type UnitKind } from '@shared/schemas/roles';
import { Alert, Button, Checkbox, Descriptions, Form, Input, Result, Select, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useSessionStore } from '../../stores/session.store';
import { CenteredCard } from '../common/CenteredCard';
import { showFieldErrors } from '../common/field-errors';

interface WizardValues {
  unitCode: string;
  unitName: string;
  unitKind: UnitKind;
  adminUsername: string;
  adminName: string;
  adminPassword: string;
  adminPasswordAgain: string;
  loadDemo: boolean;
}

const STEPS = [
  { title: '本终端单位', fields: ['unitCode', 'unitName', 'unitKind'] },
  { title: '首位管理员', fields: ['adminUsername', 'adminName', 'adminPassword', 'adminPasswordAgain'] },
  { title: '确认', fields: ['loadDemo'] },
  { title: '签名密钥', fields: [] },
] as const;
const ALL_FIELDS: string[] = STEPS.flatMap((s) => [...s.fields]);

const unitKindOptions = Object.entries(UNIT_KINDS).map(([value, label]) => ({ value, label }));

/**
 * First start: which unit this terminal belongs to, the first administrator, then the unit's
 * Ed25519 key pair is made and its fingerprint shown (peers check it when importing bundles).
 */
export function SetupWizard() {
  const [form] = Form.useForm<WizardValues>();
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [fingerprint, setFingerprint] = useState<string>();
  const initialise = useSessionStore((s) => s.initialise);
  const finishSetup = useSessionStore((s) => s.finishSetup);

  async function advance(): Promise<void> {
    if (step < 2) await next().catch(() => undefined);
    else await submit();
  }

  async function next(): Promise<void> {
    await form.validateFields([...STEPS[step]!.fields]);
    setStep(step + 1);
  }

  async function submit(): Promise<void> {
    const v = form.getFieldsValue(true) as WizardValues;
    setBusy(true);
    setError(undefined);
    try {
      const fp = await initialise({
        unitCode: v.unitCode.trim(),
        unitName: v.unitName.trim(),
        unitKind: v.unitKind,
        adminUsername: v.adminUsername.trim(),
        adminName: v.adminName.trim(),
        adminPassword: v.adminPassword,
        loadDemo: v.loadDemo,
      });
      setFingerprint(fp);
      setStep(3);
    } catch (e) {
      setError(showFieldErrors(form, e, ALL_FIELDS));
      const firstBad = STEPS.findIndex((s) => s.fields.some((f) => form.getFieldError(f).length > 0));
      if (firstBad >= 0) setStep(firstBad);
    } finally {
      setBusy(false);
    }
  }

  const values = form.getFieldsValue(true) as Partial<WizardValues>;
  return (
    <CenteredCard title="首次启动设置" subtitle="本终端首次运行，请设置所属单位和首位管理员。" width={620}>
      <Steps size="small" current={step} items={STEPS.map((s) => ({ title: s.title }))} style={{ marginBottom: 24 }} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ span: 6 }}
        wrapperCol={{ span: 18 }}
        initialValues={{ unitKind: 'business', loadDemo: false }}
        // Not a form submit: that would check the hidden steps' fields too. Enter moves on.
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT' && step < 3) {
            e.preventDefault();
            void advance();
          }
        }}
        aria-label="首次启动设置"
      >
        {/* Every step stays mounted (hidden) so that refusals can mark fields of any step. */}
        <div hidden={step !== 0}>
            <Form.Item name="unitCode" label="单位代码" extra="在各终端之间唯一，例如 OPS、YWB01；设置后不可修改。" rules={[{ required: true, whitespace: true, message: '请填写单位代码' }]}>
              <Input autoFocus maxLength={32} />
            </Form.Item>
            <Form.Item name="unitName" label="单位名称" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}>
              <Input maxLength={64} placeholder="例如 科技信息部·运行维护中心" />
            </Form.Item>
            <Form.Item name="unitKind" label="单位类别" rules={[{ required: true, message: '请选择单位类别' }]}>
              <Select options={unitKindOptions} />
            </Form.Item>
        </div>
        <div hidden={step !== 1}>
            <Form.Item name="adminUsername" label="登录名" rules={[{ required: true, whitespace: true, message: '请填写登录名' }]}>
              <Input maxLength={32} autoComplete="username" />
            </Form.Item>
            <Form.Item name="adminName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
              <Input maxLength={32} />
            </Form.Item>
            <Form.Item name="adminPassword" label="密码" rules={[{ required: true, message: '请设置密码' }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="adminPasswordAgain"
              label="再次输入密码"
              dependencies={['adminPassword']}
              rules={[
                { required: true, message: '请再次输入密码' },
                ({ getFieldValue }) => ({
                  validator: (_r, value) => (value === getFieldValue('adminPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
        </div>
        {step === 2 && (
          <>
            <Descriptions bordered size="small" column={1} styles={{ label: { width: 130 } }} style={{ marginBottom: 16 }}>
              <Descriptions.Item label="单位代码">{values.unitCode}</Descriptions.Item>
              <Descriptions.Item label="单位名称">{values.unitName}</Descriptions.Item>
              <Descriptions.Item label="单位类别">{values.unitKind ? UNIT_KINDS[values.unitKind] : ''}</Descriptions.Item>
              <Descriptions.Item label="首位管理员">
                {values.adminName}（{values.adminUsername}）
              </Descriptions.Item>
            </Descriptions>
            <Form.Item name="loadDemo" valuePropName="checked" wrapperCol={{ span: 24 }} style={{ marginBottom: 8 }}>
              <Checkbox>载入演示数据（各部门示例用户、系统登记和若干变更单，供培训与试用）</Checkbox>
            </Form.Item>
            <Typography.Paragraph type="secondary">完成后将为本单位生成签名密钥对，本终端导出的数据包均以此签名。</Typography.Paragraph>
          </>
        )}
        {step === 3 && fingerprint && (
          <Result
            status="success"
            title="设置完成"
            subTitle="本单位的签名密钥已生成。请抄录下面的密钥指纹，交给需要导入本单位数据包的对方核对。"
            extra={
              <Space direction="vertical" size="large" style={{ width: '100%' }}>
                <Typography.Text className="fingerprint" data-testid="key-fingerprint" copyable>
                  {fingerprint}
                </Typography.Text>
                <Button type="primary" autoFocus onClick={() => void finishSetup()}>
                  前往登录
                </Button>
              </Space>
            }
          />
        )}
        {step < 3 && (
          <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
            {step > 0 && <Button onClick={() => setStep(step - 1)}>上一步</Button>}
            <Button type="primary" loading={busy} onClick={() => void advance()}>
              {step < 2 ? '下一步' : '完成设置'}
            </Button>
          </Space>
        )}
      </Form>
    </CenteredCard>
  );
}
