import { describe, expect, it } from 'vitest';
import { TRANSITIONS, VERBS } from '../../../src-main/domain';
import {
  CHANGE_COMMAND_LABELS,
  CHANGE_COMMAND_NAMES,
  CHANGE_STATES,
  changeCommandSchemas,
  FINAL_STATES,
  PART1_LABELS,
  Part1Schema,
} from '../../../src-main/shared/schemas/change-form';

// The shared schemas the UI shows next to fields: Chinese, naming the field.

function firstMessage(name: keyof typeof changeCommandSchemas, input: unknown): string | undefined {
  const r = changeCommandSchemas[name].safeParse(input);
  return r.success ? undefined : r.error.issues[0]?.message;
}

describe('change-form schemas', () => {
  it('has the states of domain.md with their labels, and final states without a way out', () => {
    expect(Object.values(CHANGE_STATES).slice(0, 16)).toEqual([
      '草稿', '待部门审批', '待受理评估', '待评估审批', '不建议实施', '转项目', '计划与测试', '待实施审批',
      '已排期', '实施成功', '已回退', '待上线后审阅', '待申请部门确认', '待归档', '已归档', '已撤回',
    ]);
    for (const s of FINAL_STATES) expect(TRANSITIONS[s]).toEqual([]);
  });

  it('gives every verb a label and a rule', () => {
    for (const name of CHANGE_COMMAND_NAMES) {
      expect(CHANGE_COMMAND_LABELS[name]).toMatch(/\p{Script=Han}/u);
      expect(VERBS[name].roles.length).toBeGreaterThan(0);
    }
  });

  it('says in Chinese which field is wrong', () => {
    expect(firstMessage('savePlan', { plannedStart: '下周六晚上' })).toBe('计划上线开始时间格式应为 YYYY-MM-DD HH:mm，例如 2026-12-01 22:00');
    expect(firstMessage('recordResult', { outcome: '部分成功', actualStart: '2026-12-05 22:00', actualEnd: '2026-12-05 23:00' })).toBe('请选择实施结果（成功/已回退）');
    expect(firstMessage('recordItTest', { steps: '步骤', result: '', passed: true })).toBe('请填写IT测试结果');
    expect(firstMessage('emergencyAuthorise', { mode: '电话', authorisedAt: '2026-11-20 02:00' })).toBe('请选择授权方式（口头/邮件/系统内）');
    expect(firstMessage('recordNotice', { units: [], scope: 'a', period: 'b', noticeDate: '2026-12-01' })).toBe('请填写告知单位');
    expect(firstMessage('create', { urgency: '很急' })).toBe('请选择急迫性（一般/紧急/特急）');
    expect(firstMessage('create', { title: 'x'.repeat(201) })).toBe('变更名称不超过200字');
    expect(firstMessage('saveAssessment', { devHours: -1 })).toBe('预计工时不能为负');
  });

  it('lets a draft be saved with anything missing, and trims texts', () => {
    expect(Part1Schema.parse({})).toEqual({});
    expect(Part1Schema.parse({ title: '  标题  ' })).toEqual({ title: '标题' });
    expect(Object.keys(PART1_LABELS).sort()).toEqual(Object.keys(Part1Schema.shape).sort());
  });
});
