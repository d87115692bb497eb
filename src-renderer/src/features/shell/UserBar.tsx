import { LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { roleLabel } from '@shared/schemas/roles';
import { App, Button, Space, Tag, Tooltip, Typography, message as staticMessage } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { useSessionStore } from '../../stores/session.store';
import { useSettingsStore } from '../../stores/settings.store';

/** Who is logged in, in which unit, with which roles; lock (Ctrl+Shift+L) and log out. */
export function UserBar() {
  const session = useSessionStore((s) => s.session);
  const unit = useSessionStore((s) => s.status?.unit);
  const lock = useSessionStore((s) => s.lock);
  const logout = useSessionStore((s) => s.logout);
  const { units, loadUnits } = useSettingsStore();
  useEffect(() => void loadUnits(), [loadUnits]);
  const navigate = useNavigate();
  const { message } = App.useApp();

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        void lock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lock]);

  if (!session) return null;
  const { user } = session;
  const unitText = unit && unit.code === user.unitCode ? unit.name : (units.find((u) => u.code === user.unitCode)?.name ?? user.unitCode);
  return (
    <Space size="middle" data-testid="user-bar" wrap={false}>
      <Space size={4}>
        <UserOutlined />
        <Typography.Text strong>{user.name}</Typography.Text>
        <Typography.Text type="secondary">{unitText}</Typography.Text>
      </Space>
      <span aria-label="我的角色">
        {user.roles.map((r) => (
          <Tag key={r} color="blue" style={{ marginInlineEnd: 4 }}>
            {roleLabel(r)}
          </Tag>
        ))}
      </span>
      <Tooltip title="锁定屏幕（Ctrl+Shift+L）">
        <Button icon={<LockOutlined />} onClick={() => void lock()}>
          锁定
        </Button>
      </Tooltip>
      <Button
        icon={<LogoutOutlined />}
        onClick={() => {
          // The next person starts at their own 待办, not at the last person's page, and does
          // not read the last person's "done" messages.
          message.destroy();
          staticMessage.destroy();
          navigate('/todo');
          void logout();
        }}
      >
        退出登录
      </Button>
    </Space>
  );
}
