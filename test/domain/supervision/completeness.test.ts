import { describe, expect, it } from 'vitest';
import { completenessGaps, type AttachmentRequirement } from '../../../src-main/domain';
import type { ChangeFormState } from '../../../src-main/shared/schemas/change-form';
import { missingWetSignatures } from '../../../src-main/domain';
import { emergencyIn, formIn, PART2, run, P } from '../change-form/fixtures';

/** §27: the archivist records the hand signature of every block already signed in the system. */
function signPaper(form: ChangeFormState): ChangeFormState {
  let f = form;
  for (const b of missingWetSignatures(f)) if (b.signed) f = run(f, P.archivist, 'recordWetSignature', { blockId: b.id });
  return f;
}

// §36(3): what a form lacks for the steps it has passed. Forms made through the domain are
// complete; the gaps below are what a record from elsewhere (an older terminal, a bundle) or an
// emergency change whose 补单 is still open would show.

const whats = (f: ChangeFormState, ...a: Parameters<typeof completenessGaps> extends [unknown, ...infer R] ? R : never) =>
  completenessGaps(f, ...a).map((g) => `${g.kind}:${g.what}`);

describe('completeness check (§36(3))', () => {
  it('finds nothing missing on forms that went the whole way, in every state of the way, and on withdrawn ones', () => {
    for (const state of ['pending_dept_approval', 'pending_assessment', 'planning', 'scheduled', 'implemented', 'pending_applicant_confirm', 'archived'] as const) {
      expect([state, whats(formIn(state))]).toEqual([state, []]);
    }
    // §27: waiting for the archive, the paper's hand signatures are recorded first.
    expect(whats(signPaper(formIn('pending_archive')))).toEqual([]);
    expect(whats(emergencyIn('archived'))).toEqual([]);
    expect(whats(run(formIn('pending_assessment'), P.applicant, 'withdraw', { reason: '取消' }))).toEqual([]);
  });

  it('names a missing part with the field and its article', () => {
    const f = formIn('pending_assessment');
    const lacking = { ...f, part1: { ...f.part1, contact: undefined } };
    expect(whats(lacking)).toEqual(['part:第一部分 申请信息：请填写联系方式（第8条）']);
    const rolledBack = formIn('pending_applicant_confirm', { recordResult: { outcome: '已回退', rollbackReason: '交易超时', actualStart: '2026-12-05 22:00', actualEnd: '2026-12-05 23:00' } });
    expect(whats(rolledBack)).toEqual([]);
    expect(whats({ ...rolledBack, result: { ...rolledBack.result, rollbackReason: undefined } })).toEqual(['part:实施后记录：请填写回退原因（第26条(5)）']);
  });

  it('names a missing signed record', () => {
    const f = formIn('archived');
    const unsigned = { ...f, approvals: f.approvals.filter((a) => a.step !== 'deptApprove'), result: { ...f.result, archivedBy: undefined, evaluatedBy: undefined } };
    expect(whats(unsigned)).toEqual(['signature:申请部门负责人审批签字（第9条）', 'signature:实施效果评估：是否达到预期目标、有无负面影响（第26条(1)(2)）', 'signature:IT综合科归档（第27条）']);
    const risky = formIn('pending_applicant_confirm', { saveAssessment: { ...PART2, riskLevel: '中' } });
    expect(whats({ ...risky, result: { ...risky.result, postReview: undefined } })).toEqual(['signature:信息安全上线后审阅（第16条：风险等级为中）']);
  });

  it('names a missing document: the §19 notice, the §25 backup record, the §24 retest', () => {
    const f = formIn('scheduled');
    expect(whats({ ...f, part2: { ...f.part2, mayInterruptBusiness: true, interruptionNote: '暂停30分钟' } })).toEqual(['document:业务影响书面告知（第19条：至少告知行长办公室和客户服务中心）']);
    const e = emergencyIn('emergency_pending_impl');
    expect(whats({ ...e, emergency: { ...e.emergency!, backup: undefined } })).toEqual(['document:程序和数据备份记录（第25条）']);
  });

  it('lists what an emergency change still owes after implementation (§23 补单, §24 补测)', () => {
    const open = emergencyIn('emergency_followup');
    expect(whats(open)).toEqual([
      'part:补单 第二部分（第23条）：请填写现有功能/设置能否满足（第11条；第23条补单）',
      'part:补单 第三部分（第23条）：请填写变更计划与步骤（第21条；第23条补单）',
      'signature:补单负责人签字（第23条）',
      'document:补测文档及测试人员签字（第24条）',
    ]);
  });

  it('checks the attachments a step requires once forms carry them', () => {
    const scan: AttachmentRequirement = { kind: 'signed-scan', label: '签字纸质件扫描件', article: '第27条', from: 'archived' };
    const f = formIn('archived');
    expect(whats(f, [scan])).toEqual(['document:签字纸质件扫描件（第27条）']);
    expect(whats(f, [scan], (k) => k === 'signed-scan')).toEqual([]);
    expect(whats(signPaper(formIn('pending_archive')), [scan])).toEqual([]);
  });

  it('lists, from 待归档 on, each block signed in the system whose hand signature is not recorded (§27)', () => {
    const waiting = formIn('pending_archive');
    expect(whats(waiting)).toEqual([
      'wet_signature:第27条：已在系统内签署、纸质签字尚未登记的签字栏：申请人、申请部门负责人意见、运行维护中心受理评估人、运行维护中心负责人审批、测试人员、信息安全审阅人（上线前）、用户测试确认（申请部门）、运行维护中心负责人审阅、实施人、申请部门负责人签字确认',
    ]);
    // Recording one block takes it off the list; before 待归档 nothing is owed on paper.
    const one = run(waiting, P.archivist, 'recordWetSignature', { blockId: 'part1.applicant' });
    expect(whats(one)).toEqual([
      'wet_signature:第27条：已在系统内签署、纸质签字尚未登记的签字栏：申请部门负责人意见、运行维护中心受理评估人、运行维护中心负责人审批、测试人员、信息安全审阅人（上线前）、用户测试确认（申请部门）、运行维护中心负责人审阅、实施人、申请部门负责人签字确认',
    ]);
    expect(whats(formIn('pending_applicant_confirm'))).toEqual([]);
    // An emergency change's annex counts too.
    const em = emergencyIn('pending_archive');
    expect(whats(em).filter((w) => w.startsWith('wet_signature:'))[0]).toContain('紧急变更日志审核（运行维护中心）、紧急变更日志审核（申请部门）');
    expect(whats(signPaper(em))).toEqual([]);
  });
});
