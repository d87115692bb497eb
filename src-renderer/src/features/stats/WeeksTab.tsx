import type { WeekStatus } from '@shared/schemas/supervision';
import { Button, Input, Modal, Table, Tag, message } from 'antd';
import { useEffect, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { usePrintStore } from '../../stores/print.store';
import { useSessionStore } from '../../stores/session.store';
import { useStatsStore } from '../../stores/stats.store';

const STATUS: Record<WeekStatus['status'], { color: string; text: string }> = {
  reviewed: { color: 'green', text: '已审阅' },
  due: { color: 'orange', text: '待审阅' },
  overdue: { color: 'red', text: '逾期未审阅' },
  none: { color: 'default', text: '本周无计划变更' },
};

/** §17(1): each week's plan and the ops head's review; a week not reviewed by its Monday is overdue. */
export function WeeksTab({ from, to }: { from: string; to: string }) {
  const { weeks, loadSupervision } = useStatsStore();
  const printWeek = usePrintStore((s) => s.printWeek);
  const isHead = useSessionStore((s) => s.session?.user.roles.includes('ops_head') ?? false);
  const [reviewing, setReviewing] = useState<string>();
  const [opinion, setOpinion] = useState('');
  useEffect(() => void loadSupervision(from, to), [from, to, loadSupervision]);
  const save = async () => {
    try {
      await call('supervision:weeklyReview', { week: reviewing!, opinion });
      message.success(`已记录 ${reviewing} 的审阅`);
      setReviewing(undefined);
      setOpinion('');
      await loadSupervision(from, to);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <>
      <Table<WeekStatus>
        size="small"
        rowKey="week"
        dataSource={[...(weeks ?? [])].reverse()}
        pagination={{ pageSize: 12 }}
        columns={[
          { title: '周次', dataIndex: 'week', width: 100 },
          { title: '日期', width: 210, render: (_v, w) => `${w.monday} 至 ${w.sunday}` },
          { title: '计划变更', dataIndex: 'planned', width: 90, align: 'right' },
          { title: '状态', dataIndex: 'status', width: 130, render: (s: WeekStatus['status']) => <Tag color={STATUS[s].color}>{STATUS[s].text}</Tag> },
          { title: '审阅', render: (_v, w) => (w.review ? `${w.review.name} ${w.review.time.slice(0, 16).replace('T', ' ')}：${w.review.opinion}` : '') },
          {
            title: '',
            width: 190,
            render: (_v, w) => (
              <>
                <Button size="small" type="link" onClick={() => void printWeek(w.week)}>打印计划</Button>
                {isHead && !w.review && w.status !== 'none' && (
                  <Button size="small" type="primary" onClick={() => setReviewing(w.week)}>审阅</Button>
                )}
              </>
            ),
          },
        ]}
      />
      <Modal open={reviewing !== undefined} title={`审阅 ${reviewing ?? ''} 周变更计划（第17条(1)）`} okText="记录审阅" onOk={() => void save()} onCancel={() => setReviewing(undefined)} okButtonProps={{ disabled: !opinion.trim() }}>
        <Input.TextArea aria-label="审阅意见" rows={4} value={opinion} onChange={(e) => setOpinion(e.target.value)} placeholder="技术资源、供应商/开发商资源是否落实，变更是否有序" />
      </Modal>
    </>
  );
}
