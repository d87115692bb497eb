import { CHANGE_STATES } from '@shared/schemas/change-form';
import { roleLabel } from '@shared/schemas/roles';
import { Alert, Button, Card, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { call, errorMessage } from '../../api/client';
import type { ChangeView } from '../../api/types';
import { useChangesStore } from '../../stores/changes.store';
import { showTime } from '../changes/change-format';

/**
 * Issue 5: the form was moved from one state two ways on two terminals. Both ways are shown side
 * by side; a person with the right role (the service says who) chooses one, and the choice is
 * an event that travels to the other terminals like any other.
 */
export function ConflictPanel({ view }: { view: ChangeView }) {
  const open = useChangesStore((s) => s.open);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const c = view.state.conflict;
  if (!c) return null;
  const choice = view.conflictChoice;
  const labelOf = (id: string) => view.timeline.find((t) => t.id === id);

  async function choose(tip: string): Promise<void> {
    setBusy(tip);
    setError(undefined);
    try {
      await call('exchange:resolveConflict', { formId: view.state.formId, chosenEventId: tip });
      await open(view.state.formId);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <Card
      size="small"
      className="conflict-panel"
      data-testid="conflict-panel"
      style={{ marginBottom: 12, borderColor: '#faad14' }}
      title={<span>冲突：两个终端都在「{CHANGE_STATES[c.fromState]}」办理了本单，结果不同</span>}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        两种办理结果都已保存。选定之前本单不能继续办理；选定后另一种结果保留在时间线中并标为「已被取代」。须由{choice?.resolvers ?? '有权人员'}选定。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 8 }} />}
      <div className="conflict-branches" style={{ display: 'grid', gridTemplateColumns: `repeat(${c.branches.length}, minmax(0, 1fr))`, gap: 12 }}>
        {c.branches.map((b, i) => (
          <Card key={b.tip} size="small" type="inner" title={`办理结果 ${i + 1}：${labelOf(b.events[0]!)?.label ?? b.first.type}`} data-testid="conflict-branch">
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <span>
                {b.first.name}（{roleLabel(b.first.role)}） · {showTime(b.first.time)}
              </span>
              <span>
                选定后本单为：<Typography.Text strong>{CHANGE_STATES[b.state]}</Typography.Text>
              </span>
              {b.events.length > 1 && (
                <Typography.Text type="secondary">其后还有：{b.events.slice(1).map((id) => labelOf(id)?.label ?? id.slice(0, 8)).join('、')}</Typography.Text>
              )}
              <Tooltip title={choice?.allowed ? undefined : choice?.reason}>
                <Button type="primary" disabled={!choice?.allowed} loading={busy === b.tip} onClick={() => void choose(b.tip)}>
                  以此为准
                </Button>
              </Tooltip>
            </Space>
          </Card>
        ))}
      </div>
    </Card>
  );
}
