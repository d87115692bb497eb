import { Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import type { SystemEntry } from '../../api/types';
import { useSettingsStore } from '../../stores/settings.store';
import { ListEditor } from './ListEditor';

// §4(2)(3): the two kinds of application system the policy names.
const CLASS_OPTIONS = [
  { value: '生产业务系统', label: '生产业务系统' },
  { value: '管理信息系统', label: '管理信息系统' },
];

/** The system register: what a change form's 涉及系统 is chosen from. */
export function SystemsTab() {
  const { systems, units, errors, loadSystems, loadUnits, saveSystem } = useSettingsStore();
  useEffect(() => {
    void loadSystems();
    void loadUnits();
  }, [loadSystems, loadUnits]);
  const unitName = (code: string): string => units.find((u) => u.code === code)?.name ?? code;
  return (
    <ListEditor<SystemEntry, SystemEntry>
      noun="系统"
      rows={systems}
      rowKey="code"
      loadError={errors.systems}
      columns={[
        { title: '系统代码', dataIndex: 'code', width: 140 },
        { title: '系统名称', dataIndex: 'name' },
        { title: '类别', dataIndex: 'class', width: 140 },
        { title: '主管单位', dataIndex: 'ownerUnit', render: unitName },
      ]}
      fieldNames={['code', 'name', 'class', 'ownerUnit']}
      toValues={(s) => s}
      initialValues={{ class: '生产业务系统' }}
      save={(v) => saveSystem({ code: v.code.trim(), name: v.name.trim(), class: v.class, ownerUnit: v.ownerUnit })}
      fields={(editing) => (
        <>
          <Form.Item name="code" label="系统代码" rules={[{ required: true, whitespace: true, message: '请填写系统代码' }]}>
            <Input autoFocus disabled={!!editing} maxLength={32} />
          </Form.Item>
          <Form.Item name="name" label="系统名称" rules={[{ required: true, whitespace: true, message: '请填写系统名称' }]}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="class" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select options={CLASS_OPTIONS} />
          </Form.Item>
          <Form.Item name="ownerUnit" label="主管单位" rules={[{ required: true, message: '请选择主管单位' }]}>
            <Select options={units.map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }))} showSearch optionFilterProp="label" />
          </Form.Item>
        </>
      )}
    />
  );
}
