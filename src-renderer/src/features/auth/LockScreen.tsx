import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useNavigate } from 'react-router';
import { useSessionStore } from '../../stores/session.store';
import { CenteredCard } from '../common/CenteredCard';

/** Shown after idle time or on demand: only the same user's password (or log-out) goes on. */
export function LockScreen() {
  const session = useSessionStore((s) => s.session);
  const unlock = useSessionStore((s) => s.unlock);
  const logout = useSessionStore((s) => s.logout);
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ password: string }>();

  async function submit(v: { password: string }): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      await unlock(v.password);
    } catch (e) {
      setError(errorMessage(e));
      form.resetFields();
    } finally {
      setBusy(false);
    }
  }

  return (
    <CenteredCard
      title="已锁定"
      subtitle={
        <>
          <LockOutlined /> {session ? `${session.user.name}（${session.user.username}）` : ''}，请输入密码解锁。
        </>
      }
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={(v: { password: string }) => void submit(v)} aria-label="解锁">
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoFocus autoComplete="current-password" />
        </Form.Item>
        <Space style={{ display: 'flex', justifyContent: 'space-between' }}>
          <Button
            onClick={() => {
              navigate('/todo');
              void logout();
            }}
          >
            退出登录
          </Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            解锁
          </Button>
        </Space>
      </Form>
    </CenteredCard>
  );
}
