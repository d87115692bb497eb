import { Empty, Typography } from 'antd';
import type { Section } from '../shell/sections';

/** A section whose screens are not built yet says so plainly instead of pretending. */
export function SectionPlaceholder({ section }: { section: Section }) {
  return (
    <div>
      <Typography.Title level={3}>{section.label}</Typography.Title>
      <Typography.Paragraph type="secondary">{section.purpose}</Typography.Paragraph>
      <Empty description="本栏目正在建设中，尚不可用。" />
    </div>
  );
}
