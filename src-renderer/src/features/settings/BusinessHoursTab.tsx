import { Alert, Button, Form, InputNumber, TimePicker, Typography, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { useSettingsStore } from '../../stores/settings.store';

interface HoursValues {
  hours: [Dayjs, Dayjs];
  emergencyPaperworkWorkingDays: number;
  idleLockMinutes: number;
}

/** §17(2) business hours (non-emergency changes go live outside them), §23–§24 days allowed for 补单/补测, idle lock. */
export function BusinessHoursTab() {
  const { policy, errors, loadPolicy, savePolicy } = useSettingsStore();
  const [form] = Form.useForm<HoursValues>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => void loadPolicy(), [loadPolicy]);
  useEffect(() => {
    if (!policy) return;
    form.setFieldsValue({
      hours: [dayjs(policy.businessHours.start, 'HH:mm'), dayjs(policy.businessHours.end, 'HH:mm')],
      emergencyPaperworkWorkingDays: policy.emergencyPaperworkWorkingDays,
      idleLockMinutes: policy.idleLockMinutes,
    });
  }, [policy, form]);

  async function submit(v: HoursValues): Promise<void> {
    if (!policy) return;
    setBusy(true);
    setError(undefined);
    try {
      await savePolicy({
        ...policy,
        businessHours: { start: v.hours[0].format('HH:mm'), end: v.hours[1].format('HH:mm') },
        emergencyPaperworkWorkingDays: v.emergencyPaperworkWorkingDays,
        idleLockMinutes: v.idleLockMinutes,
      });
      void message.success('已保存');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  if (errors.policy) return <Alert type="error" showIcon message={errors.policy} />;
  return (
    <Form form={form} layout="horizontal" labelCol={{ flex: '200px' }} style={{ maxWidth: 640 }} onFinish={(v: HoursValues) => void submit(v)} aria-label="业务时间">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">依据第17条(2)：除特急变更外，变更须安排在非业务时间（凌晨、周末或法定节假日）上线。调休上班日按业务日计。</Typography.Paragraph>
      <Form.Item name="hours" label="业务时间（工作日）" rules={[{ required: true, message: '请设置业务时间' }]}>
        <TimePicker.RangePicker format="HH:mm" minuteStep={5} allowClear={false} />
      </Form.Item>
      <Form.Item name="emergencyPaperworkWorkingDays" label="紧急变更补单/补测期限" extra="第23条、第24条：特急变更实施后须在此期限内补单、补测，逾期在待办中提示。" rules={[{ required: true, message: '请填写期限' }]}>
        <InputNumber min={1} max={30} addonAfter="个工作日" />
      </Form.Item>
      <Form.Item name="idleLockMinutes" label="无操作自动锁屏" rules={[{ required: true, message: '请填写时间' }]}>
        <InputNumber min={1} max={120} addonAfter="分钟" />
      </Form.Item>
      <Form.Item wrapperCol={{ offset: 0 }} style={{ paddingLeft: 200 }}>
        <Button type="primary" htmlType="submit" loading={busy} disabled={!policy}>
          保存
        </Button>
      </Form.Item>
    </Form>
  );
}
