import { ROLES, UNIT_KINDS, type RoleCode } from '@shared/schemas/roles';
import { Form, Input, Select, Switch, Tag } from 'antd';
import { useEffect } from 'react';
import type { User } from '../../api/types';
import { useSettingsStore } from '../../stores/settings.store';
import { ListEditor } from './ListEditor';

interface UserValues {
  username: string;
  name: string;
  unitCode: string;
  roles: RoleCode[];
  password?: string;
  disabled: boolean;
}

// Roles grouped by the unit kind they belong to (domain.md, Who), so the list reads like the policy.
const roleOptions = [
  { label: '本程序', options: [{ value: 'admin', label: ROLES.admin.label }] },
  ...Object.entries(UNIT_KINDS)
    .map(([kind, kindLabel]) => ({
      label: kindLabel,
      options: (Object.entries(ROLES) as Array<[RoleCode, (typeof ROLES)[RoleCode]]>).filter(([, r]) => r.unit === kind).map(([value, r]) => ({ value, label: r.label })),
    }))
    .filter((g) => g.options.length > 0),
];

export function UsersTab() {
  const { users, units, errors, loadUsers, loadUnits, saveUser } = useSettingsStore();
  useEffect(() => {
    void loadUsers();
    void loadUnits();
  }, [loadUsers, loadUnits]);
  const unitName = (code: string): string => units.find((u) => u.code === code)?.name ?? code;
  return (
    <ListEditor<User, UserValues>
      noun="用户"
      rows={users}
      rowKey="id"
      loadError={errors.users}
      columns={[
        { title: '登录名', dataIndex: 'username', width: 120 },
        { title: '姓名', dataIndex: 'name', width: 110 },
        { title: '所属单位', dataIndex: 'unitCode', width: 200, render: unitName },
        { title: '角色', dataIndex: 'roles', render: (roles: RoleCode[]) => roles.map((r) => <Tag key={r}>{ROLES[r].label}</Tag>) },
        { title: '状态', dataIndex: 'disabled', width: 80, render: (d?: boolean) => (d ? <Tag color="default">已停用</Tag> : <Tag color="green">正常</Tag>) },
      ]}
      fieldNames={['username', 'name', 'unitCode', 'roles', 'password', 'disabled']}
      toValues={(u) => ({ username: u.username, name: u.name, unitCode: u.unitCode, roles: u.roles, disabled: !!u.disabled })}
      initialValues={{ roles: [], disabled: false }}
      save={(v, editing) =>
        saveUser({
          ...(editing ? { id: editing.id } : {}),
          username: v.username.trim(),
          name: v.name.trim(),
          unitCode: v.unitCode,
          roles: v.roles,
          ...(v.password ? { password: v.password } : {}),
          disabled: v.disabled,
        })
      }
      fields={(editing) => (
        <>
          <Form.Item name="username" label="登录名" rules={[{ required: true, whitespace: true, message: '请填写登录名' }]}>
            <Input autoFocus disabled={!!editing} maxLength={32} />
          </Form.Item>
          <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
            <Input maxLength={32} />
          </Form.Item>
          <Form.Item name="unitCode" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
            <Select options={units.map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }))} showSearch optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="roles" label="角色" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个角色' }]}>
            <Select mode="multiple" options={roleOptions} optionFilterProp="label" />
          </Form.Item>
          <Form.Item
            name="password"
            label={editing ? '重设密码' : '初始密码'}
            extra={editing ? '留空则不修改密码。' : undefined}
            rules={editing ? [] : [{ required: true, message: '请设置初始密码' }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="disabled" label="停用" valuePropName="checked">
            <Switch />
          </Form.Item>
        </>
      )}
    />
  );
}
