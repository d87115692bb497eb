import type { RoleCode } from '@shared/schemas/roles';
import { Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useSessionStore } from '../../stores/session.store';
import { BackupsTab } from './BackupsTab';
import { BusinessHoursTab } from './BusinessHoursTab';
import { HolidayCalendarTab } from './HolidayCalendarTab';
import { SystemsTab } from './SystemsTab';
import { UnitsTab } from './UnitsTab';
import { UsersTab } from './UsersTab';

// Which tabs a role sees; the services refuse the rest anyway (the UI only hides).
const TABS: Array<{ key: string; label: string; roles: RoleCode[]; render: () => ReactNode }> = [
  { key: 'units', label: '单位', roles: ['admin'], render: () => <UnitsTab /> },
  { key: 'users', label: '用户与角色', roles: ['admin'], render: () => <UsersTab /> },
  { key: 'systems', label: '系统登记', roles: ['admin'], render: () => <SystemsTab /> },
  { key: 'hours', label: '业务时间', roles: ['admin', 'ops_head'], render: () => <BusinessHoursTab /> },
  { key: 'calendar', label: '节假日日历', roles: ['admin', 'ops_head'], render: () => <HolidayCalendarTab /> },
  { key: 'backups', label: '备份', roles: ['admin'], render: () => <BackupsTab /> },
];

export function SettingsPage() {
  const roles = useSessionStore((s) => s.session?.user.roles);
  const tabs = TABS.filter((t) => !roles || t.roles.some((r) => roles.includes(r)));
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        设置
      </Typography.Title>
      <Tabs items={tabs.map((t) => ({ key: t.key, label: t.label, children: t.render() }))} destroyOnHidden />
    </div>
  );
}
