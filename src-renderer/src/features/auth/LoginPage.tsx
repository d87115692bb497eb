import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useSessionStore } from '../../stores/session.store';
import { CenteredCard } from '../common/CenteredCard';

export function LoginPage() {
  const unit = useSessionStore((s) => s.status?.unit);
  const login = useSessionStore((s) => s.login);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(v: { username: string; password: string }): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      await login(v.username.trim(), v.password);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <CenteredCard title="登录" subtitle={unit ? `本终端单位：${unit.name}（${unit.code}）` : undefined}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form layout="vertical" onFinish={(v: { username: string; password: string }) => void submit(v)} aria-label="登录">
        <Form.Item name="username" label="登录名" rules={[{ required: true, whitespace: true, message: '请输入登录名' }]}>
          <Input autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          登录
        </Button>
      </Form>
    </CenteredCard>
  );
}
