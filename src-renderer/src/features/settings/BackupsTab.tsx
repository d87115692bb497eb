import { BACKUP_KIND_LABELS, type BackupEntry } from '@shared/schemas/backup';
import { Alert, Button, Popconfirm, Space, Table, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { useSettingsStore } from '../../stores/settings.store';
import { showTime } from '../changes/change-format';

/** 备份: the database copies in <data>/backups/, made now or restored (the current data is backed up first). */
export function BackupsTab() {
  const { backups: list, errors, loadBackups, createBackup, restoreBackup } = useSettingsStore();
  const [failure, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => void loadBackups(), [loadBackups]);
  const error = failure ?? errors.backups;

  async function run(what: () => Promise<string>): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      void message.success(await what());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon message={error} />}
      <Space wrap>
        <Button type="primary" loading={busy} onClick={() => void run(createBackup)}>
          立即备份
        </Button>
        {list && <Typography.Text type="secondary">备份目录：{list.dir}（可复制到移动介质另行保存）</Typography.Text>}
      </Space>
      <Table<BackupEntry>
        size="small"
        rowKey="name"
        dataSource={list?.backups ?? []}
        locale={{ emptyText: '尚无备份' }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: '时间', dataIndex: 'createdAt', width: 160, render: showTime },
          { title: '类别', dataIndex: 'kind', width: 110, render: (k: BackupEntry['kind']) => BACKUP_KIND_LABELS[k] },
          { title: '文件', dataIndex: 'name' },
          { title: '大小', dataIndex: 'sizeBytes', width: 100, render: (b: number) => `${(b / 2 ** 20).toFixed(1)} MB` },
          {
            title: '操作',
            width: 90,
            render: (_v, b) => (
              <Popconfirm
                title="恢复此备份？"
                description="当前数据将先另存为“恢复前备份”。"
                okText="恢复"
                cancelText="取消"
                onConfirm={() => void run(() => restoreBackup(b.name))}
              >
                <Button type="link" size="small">
                  恢复
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Space>
  );
}
