import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The frame of the screens shown before the shell: set-up, log-in, lock. */
export function CenteredCard({ title, subtitle, width = 440, children }: { title: string; subtitle?: ReactNode; width?: number; children: ReactNode }) {
  return (
    <main className="centered-screen">
      <Card style={{ width }} styles={{ body: { padding: 28 } }}>
        <Typography.Text type="secondary">ChangeDesk 变更发布管理台</Typography.Text>
        <Typography.Title level={3} style={{ marginTop: 4 }}>
          {title}
        </Typography.Title>
        {subtitle && <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph>}
        {children}
      </Card>
    </main>
  );
}
