import { UNIT_KINDS, type UnitKind } from '@shared/schemas/roles';
import { Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import type { Unit } from '../../api/types';
import { useSettingsStore } from '../../stores/settings.store';
import { ListEditor } from './ListEditor';

export const unitKindOptions = Object.entries(UNIT_KINDS).map(([value, label]) => ({ value: value as UnitKind, label }));

export function UnitsTab() {
  const { units, errors, loadUnits, saveUnit } = useSettingsStore();
  useEffect(() => void loadUnits(), [loadUnits]);
  return (
    <ListEditor<Unit, Unit>
      noun="单位"
      rows={units}
      rowKey="code"
      loadError={errors.units}
      columns={[
        { title: '单位代码', dataIndex: 'code', width: 140 },
        { title: '单位名称', dataIndex: 'name' },
        { title: '单位类别', dataIndex: 'kind', render: (k: UnitKind) => UNIT_KINDS[k] },
      ]}
      fieldNames={['code', 'name', 'kind']}
      toValues={(u) => u}
      initialValues={{ kind: 'business' }}
      save={(v) => saveUnit({ code: v.code.trim(), name: v.name.trim(), kind: v.kind })}
      fields={(editing) => (
        <>
          <Form.Item name="code" label="单位代码" rules={[{ required: true, whitespace: true, message: '请填写单位代码' }]}>
            <Input autoFocus disabled={!!editing} maxLength={32} />
          </Form.Item>
          <Form.Item name="name" label="单位名称" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="kind" label="单位类别" rules={[{ required: true, message: '请选择单位类别' }]}>
            <Select options={unitKindOptions} />
          </Form.Item>
        </>
      )}
    />
  );
}
