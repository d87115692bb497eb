import { DownOutlined, PrinterOutlined } from '@ant-design/icons';
import { PRINT_PART_LABELS, type PrintPart } from '@shared/schemas/print';
import { Dropdown } from 'antd';
import { usePrintStore } from '../../stores/print.store';

/** 打印 on a change form: the whole form or one part (the parts it has reached). */
export function PrintMenu({ formId, formNo, emergency }: { formId: string; formNo: string; emergency: boolean }) {
  const printForm = usePrintStore((s) => s.printForm);
  const parts = (Object.keys(PRINT_PART_LABELS) as PrintPart[]).filter((p) => p !== 'annex' || emergency);
  return (
    <Dropdown.Button
      icon={<DownOutlined />}
      onClick={() => void printForm(formId, 'all', `${formNo} ${PRINT_PART_LABELS.all}`)}
      menu={{ items: parts.map((p) => ({ key: p, label: PRINT_PART_LABELS[p] })), onClick: (e) => void printForm(formId, e.key as PrintPart, `${formNo} ${PRINT_PART_LABELS[e.key as PrintPart]}`) }}
    >
      <PrinterOutlined /> 打印
    </Dropdown.Button>
  );
}
