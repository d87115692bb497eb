import { describe, expect, it } from 'vitest';
import { accessFields, applicationFields, verbFields } from '../../src-renderer/src/features/golive/project-verbs';
import { ROLLOUT_VERBS, ACCESS_VERBS } from '../../src-main/shared/schemas/project-forms';

// The go-live/release/access dialogs are read from the verbs' schemas: every field labelled in
// the words the schema's messages use, of the kind the schema takes.
describe('project dialogs from the shared schemas', () => {
  it('labels every field with its name and gives it the schema’s kind', () => {
    for (const kind of ['golive', 'release'] as const) {
      for (const verb of ROLLOUT_VERBS) {
        for (const f of verbFields(kind, verb, undefined, 'me')) expect([verb, f.name, /^[a-zA-Z]+$/.test(f.label)]).toEqual([verb, f.name, false]);
      }
    }
    for (const verb of ACCESS_VERBS) for (const f of accessFields(verb, [])) expect(/^[a-zA-Z]+$/.test(f.label)).toBe(false);
    const show = (specs: ReturnType<typeof applicationFields>) => specs.map((f) => `${f.name}:${f.label}:${f.kind}`);
    expect(show(applicationFields('release'))).toEqual([
      'title:项目名称:text',
      'systems:涉及系统:tags',
      'businessUnit:相关业务部门:text',
      'contact:联系方式:text',
      'content:发布内容:textarea',
      'newProject:是否新项目:yesno',
      'plannedDate:计划发布日期:date',
      'devSummary:开发和测试完成情况:textarea',
    ]);
    expect(show(verbFields('golive', 'securityReview', undefined, 'me'))).toEqual(['agree:是否同意:yesno', 'opinion:安全科审核意见:textarea', 'sealed:是否已签名盖章:yesno']);
    expect(show(verbFields('golive', 'recordObservation', undefined, 'me'))).toEqual(['keyDate:关键日期:choice', 'date:观察日期:date', 'observation:运行情况:textarea', 'normal:运行是否正常:yesno']);
    expect(show(verbFields('release', 'savePlan', undefined, 'me'))).toEqual(['backup:备份方案:textarea', 'organisation:人员组织:textarea', 'rollback:回退计划:textarea', 'problems:可能出现的问题及解决方案:textarea']);
    expect(show(accessFields('end', []))).toEqual(['endedAt:访问结束时间:datetime', 'workDone:访问期间所做的工作:textarea']);
    expect(verbFields('golive', 'recordDelivery', undefined, 'me')[0]).toMatchObject({ name: 'what', kind: 'choice', choices: [{ value: 'rules', label: '业务管理办法和操作细则' }, { value: 'manuals', label: '维护手册和操作手册' }] });
  });

  it("offers the register's systems by name in the application, keeping the codes as values", () => {
    const register = [{ value: 'EBANK', label: '网上银行系统（EBANK）' }];
    const systems = (specs: ReturnType<typeof applicationFields>) => specs.find((f) => f.name === 'systems');
    expect(systems(verbFields('release', 'saveApplication', undefined, 'me', register))).toMatchObject({ kind: 'tags', choices: register });
    expect(systems(applicationFields('golive', register))?.choices).toEqual(register);
    // An empty register leaves codes to be typed.
    expect(systems(applicationFields('golive'))).toMatchObject({ kind: 'tags', extra: '系统代码，如 EBANK' });
    expect(systems(applicationFields('golive'))?.choices).toBeUndefined();
  });
});
