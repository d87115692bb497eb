import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Modal, Space, Table, type FormInstance, type TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';
import { showFieldErrors } from '../common/field-errors';

interface ListEditorProps<Row extends object, Values extends object> {
  /** What one row is called: 单位, 用户, 系统. */
  noun: string;
  rows: Row[];
  rowKey: keyof Row & string;
  columns: TableColumnsType<Row>;
  loadError: string | undefined;
  /** The form fields; `editing` is the row being edited, undefined when adding. */
  fields(editing: Row | undefined, form: FormInstance<Values>): ReactNode;
  fieldNames: readonly string[];
  toValues(row: Row): Partial<Values>;
  initialValues: Partial<Values>;
  save(values: Values, editing: Row | undefined): Promise<void>;
}

/** A directory list (units, users, systems) with add and edit in a dialog; the service decides. */
export function ListEditor<Row extends object, Values extends object>(props: ListEditorProps<Row, Values>) {
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<Row>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  function edit(row: Row | undefined): void {
    setEditing(row);
    setError(undefined);
    form.resetFields();
    form.setFieldsValue((row ? props.toValues(row) : props.initialValues) as never);
    setOpen(true);
  }

  async function submit(): Promise<void> {
    const values = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      await props.save(values, editing);
      setOpen(false);
    } catch (e) {
      setError(showFieldErrors(form, e, props.fieldNames));
    } finally {
      setBusy(false);
    }
  }

  const columns: TableColumnsType<Row> = [
    ...props.columns,
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_v, row) => (
        <Button type="link" size="small" onClick={() => edit(row)} aria-label={`编辑${props.noun}`}>
          编辑
        </Button>
      ),
    },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {props.loadError && <Alert type="error" showIcon message={props.loadError} />}
      <Button type="primary" icon={<PlusOutlined />} onClick={() => edit(undefined)}>
        新增{props.noun}
      </Button>
      <Table<Row>
        size="middle"
        rowKey={props.rowKey}
        columns={columns}
        dataSource={props.rows}
        pagination={props.rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        locale={{ emptyText: `尚无${props.noun}` }}
      />
      <Modal
        open={open}
        title={`${editing ? '编辑' : '新增'}${props.noun}`}
        okText="保存"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        width={560}
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="horizontal" labelCol={{ span: 5 }} wrapperCol={{ span: 19 }} onFinish={() => void submit()} preserve={false}>
          {props.fields(editing, form)}
          <button type="submit" hidden aria-hidden />
        </Form>
      </Modal>
    </Space>
  );
}
