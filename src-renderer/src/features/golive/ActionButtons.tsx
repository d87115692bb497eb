import type { ProjectAction } from '@shared/schemas/project-forms';
import { Button, Space, Tooltip } from 'antd';

/**
 * The verbs the service offers on a project form: allowed ones as buttons, refused ones disabled
 * with the service's reason (article cited); those of roles the user never holds are hidden.
 */
export function ActionButtons({ actions, onAct, style }: { actions: ProjectAction[]; onAct(a: ProjectAction): void; style?: React.CSSProperties }) {
  const shown = actions.filter((x) => x.code !== 'FORBIDDEN_ROLE' || x.allowed);
  return (
    <Space wrap data-testid="project-actions" {...(style ? { style } : {})}>
      {shown.length === 0 && <span className="muted">当前没有您可办理的操作</span>}
      {shown.map((x) => (
        <Tooltip key={x.name} title={x.allowed ? x.warning : x.reason}>
          <Button type={x.allowed ? 'primary' : 'default'} disabled={!x.allowed} onClick={() => onAct(x)}>
            {x.label}
          </Button>
        </Tooltip>
      ))}
    </Space>
  );
}
