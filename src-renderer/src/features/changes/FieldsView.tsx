import { Descriptions } from 'antd';
import { showValue } from './change-format';

/** A part of the form read-only, in the order and words of its label table. */
export function FieldsView<T extends object>({ value, labels, column = 2 }: { value: T | undefined; labels: Partial<Record<keyof T, string>>; column?: number }) {
  const keys = Object.keys(labels) as Array<keyof T & string>;
  return (
    <Descriptions bordered size="small" column={column} styles={{ label: { width: 150 } }}>
      {keys.map((k) => (
        <Descriptions.Item key={k} label={labels[k]}>
          {showValue(value?.[k])}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
