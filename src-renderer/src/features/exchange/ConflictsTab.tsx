import { Alert, Button, Card, Descriptions, Empty, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { useExchangeStore } from '../../stores/exchange.store';
import { showTime } from '../changes/change-format';

/** 冲突: one form moved two ways on two terminals; a person chooses which stands (itself an event). */
export function ConflictsTab() {
  const { conflicts, resolve } = useExchangeStore();
  const [error, setError] = useState<string>();
  const open = conflicts.filter((c) => !c.resolvedBy);
  const done = conflicts.filter((c) => c.resolvedBy);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="conflicts">
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      {open.length === 0 && <Empty description="没有待处理的冲突" />}
      {open.map((c) => (
        <Card
          key={c.id}
          size="small"
          title={
            <Link to={`/changes/${c.formId}`}>
              {c.formNo ?? c.formId} {c.title}
            </Link>
          }
          extra={`发现于 ${showTime(c.detectedAt)}`}
        >
          {c.branches ? (
            <>
              <Typography.Paragraph>
                两个终端都在「{c.fromStateLabel}」办理了该单，结果不同。须由{c.resolvers}选定其一；也可打开变更单查看两种结果的详情。
              </Typography.Paragraph>
              <div style={{ display: 'grid', gridTemplateColumns: `repeat(${c.branches.length}, minmax(0, 1fr))`, gap: 12 }}>
                {c.branches.map((b, i) => (
                  <Card key={b.tip} size="small" type="inner" title={`办理结果 ${i + 1}：${b.label}`}>
                    <Descriptions size="small" column={1}>
                      <Descriptions.Item label="办理人">
                        {b.name}（{b.roleLabel}）
                      </Descriptions.Item>
                      <Descriptions.Item label="时间">{showTime(b.time)}</Descriptions.Item>
                      <Descriptions.Item label="选定后状态">{b.stateLabel}</Descriptions.Item>
                      <Descriptions.Item label="记录数">{b.eventCount}</Descriptions.Item>
                    </Descriptions>
                    <Button type="primary" size="small" onClick={() => void resolve(c.id, b.tip).catch((x: unknown) => setError(errorMessage(x)))}>
                      以此为准
                    </Button>
                  </Card>
                ))}
              </div>
            </>
          ) : (
            <List
              dataSource={c.events}
              renderItem={(e) => (
                <List.Item
                  actions={[
                    <Button key="choose" size="small" onClick={() => void resolve(c.id, e.id).catch((x: unknown) => setError(errorMessage(x)))}>
                      以此为准
                    </Button>,
                  ]}
                >
                  {showTime(e.time)} · {e.origin} · {e.author}（{e.role}） · {e.type}
                </List.Item>
              )}
            />
          )}
        </Card>
      ))}
      {done.length > 0 && (
        <Card size="small" title="已处理的冲突">
          <List
            size="small"
            dataSource={done}
            renderItem={(c) => (
              <List.Item>
                <Link to={`/changes/${c.formId}`}>{c.formNo ?? c.formId}</Link>　已选定{c.currentStateLabel ? `，现为「${c.currentStateLabel}」` : ''}（发现于 {showTime(c.detectedAt)}）
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
