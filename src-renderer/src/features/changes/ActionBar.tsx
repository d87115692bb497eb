import type { ChangeAction } from '@shared/schemas/change-form';
import { Button, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { ActionDialog, type DialogTarget } from './ActionDialog';
import { APPROVAL_PAIRS, EDITOR_VERBS, REFUSING_VERBS } from './verb-fields';

/**
 * A verb refused only because the form is not at that step (WRONG_STEP): not a button on this
 * page. A step-specific reason (INVALID_STATE, e.g. §23 authorisation first) stays visible.
 */
function notAtThisStep(a: ChangeAction): boolean {
  return a.code === 'WRONG_STEP';
}

/**
 * The verbs of this step as buttons. The services decide (`actions` of change:get); a button
 * the service would refuse is disabled and its tooltip says why, with the article.
 */
export function ActionBar({ actions }: { actions: ChangeAction[] }) {
  const [target, setTarget] = useState<DialogTarget>();
  const byName = new Map(actions.map((a) => [a.name, a]));
  const buttons = actions
    .filter((a) => !EDITOR_VERBS.has(a.name) && !REFUSING_VERBS.has(a.name))
    .map((a): DialogTarget & { label: string; allowed: boolean; reason?: string } => {
      const pair = APPROVAL_PAIRS[a.name];
      const refuse = pair ? byName.get(pair.refuse) : undefined;
      return { action: a, refuse, label: pair?.label ?? a.label, allowed: a.allowed || !!refuse?.allowed, reason: a.reason };
    })
    .filter((b) => b.allowed || !notAtThisStep(b.action));
  if (buttons.length === 0) return null;
  return (
    <>
      <Space wrap aria-label="可办理的操作" data-testid="action-bar">
        {buttons.map((b) => (
          <Tooltip key={b.action.name} title={b.allowed ? b.action.warning : b.reason} trigger={['hover', 'focus']}>
            {/* A disabled button gets no pointer events: the span carries the tooltip. */}
            <span tabIndex={b.allowed ? -1 : 0} aria-label={b.allowed ? undefined : `${b.label}：${b.reason ?? '不可办理'}`}>
              <Button type={b.allowed ? 'primary' : 'default'} disabled={!b.allowed} onClick={() => setTarget(b)} data-verb={b.action.name}>
                {b.label}
              </Button>
            </span>
          </Tooltip>
        ))}
      </Space>
      {target && <ActionDialog target={target} onClose={() => setTarget(undefined)} />}
    </>
  );
}
