import { Descriptions } from 'antd';
import type { ReactNode } from 'react';
import { showValue } from './change-format';

interface FieldsViewProps<T extends object> {
  value: T | undefined;
  labels: Partial<Record<keyof T, string>>;
  /** Labels of the keys inside a nested field (不实施的影响 per dimension, §5(8) risk items …). */
  nested?: Partial<Record<keyof T, Record<string, string>>>;
  /** How to show some fields (e.g. system codes as names). */
  render?: Partial<Record<keyof T, (v: unknown) => ReactNode>>;
  column?: number;
}

/** A part of the form read-only, in the order and words of its label table. */
export function FieldsView<T extends object>({ value, labels, nested, render, column = 1 }: FieldsViewProps<T>) {
  const keys = Object.keys(labels) as Array<keyof T & string>;
  return (
    <Descriptions bordered size="small" column={column} styles={{ label: { width: 200 } }}>
      {keys.flatMap((k) => {
        const v = value?.[k];
        const inner = nested?.[k];
        if (inner) {
          // One row per inner item, so a nested record reads like the paper form.
          return Object.entries(inner).map(([ik, label]) => (
            <Descriptions.Item key={`${k}.${ik}`} label={label}>
              {showValue((v as Record<string, unknown> | undefined)?.[ik])}
            </Descriptions.Item>
          ));
        }
        return [
          <Descriptions.Item key={k} label={labels[k]}>
            {render?.[k] ? render[k](v) : showValue(v)}
          </Descriptions.Item>,
        ];
      })}
    </Descriptions>
  );
}
