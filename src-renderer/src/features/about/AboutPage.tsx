import { Descriptions, Typography } from 'antd';
import { transportKind } from '../../api/client';
import { useAppStore } from '../../stores/app.store';

export function AboutPage() {
  const info = useAppStore((s) => s.info);
  if (!info) return null;
  return (
    <div>
      <Typography.Title level={3}>关于 ChangeDesk</Typography.Title>
      <Typography.Paragraph>
        变更发布管理台：依据《信息系统变更和发布管理办法》管理已投产系统变更、软件上线与系统发布，离线运行，纸质签字与电子记录一一对应。
      </Typography.Paragraph>
      <Descriptions bordered column={1} size="middle" styles={{ label: { width: 160 } }}>
        <Descriptions.Item label="程序版本">{info.version}</Descriptions.Item>
        <Descriptions.Item label="数据目录">
          <Typography.Text copyable data-testid="data-dir">
            {info.dataDir}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="数据库版本">{info.schemaVersion}</Descriptions.Item>
        <Descriptions.Item label="初始设置">{info.setUp ? '已完成' : '未完成'}</Descriptions.Item>
        <Descriptions.Item label="运行方式">{transportKind === 'ipc' ? '桌面程序' : '浏览器宿主（仅本机）'}</Descriptions.Item>
      </Descriptions>
    </div>
  );
}
