import { join } from 'node:path';
import { expect } from 'vitest';
import { exportBundle } from '../../src-main/exchange';
import { changeCommandSchemas } from '../../src-main/shared/schemas/change-form';
import { PART1 as P1, PART2 as P2 } from '../domain/change-form/fixtures';
import { makeTerminal, type Terminal } from '../exchange/terminals';

// Two terminals that move one form two ways (issue 5): a business unit and the ops centre,
// trusting each other, for the conflict tests of the services and of the CLI.

export const PASS = 'user-pass-123';
const PART1 = changeCommandSchemas.create.parse(P1);
export const PART2 = changeCommandSchemas.saveAssessment.parse(P2);

export async function as(t: Terminal, username: string): Promise<void> {
  await t.ok('auth:login', { username, password: username === 'admin' ? 'admin-pass-1' : PASS });
}

export async function send(from: Terminal, to: Terminal, dir: string, name: string): Promise<void> {
  const path = join(dir, `${name}.cdbundle`);
  await exportBundle(from.x, { to: to.unit, path });
  await to.ok('auth:login', { username: 'admin', password: 'admin-pass-1' });
  const [item] = await to.ok('exchange:import', { paths: [path] });
  expect(item).toMatchObject({ ok: true });
}

export async function twoTerminals(tempDir: () => string) {
  const dir = tempDir();
  const biz = await makeTerminal(tempDir(), 'YWB', '个人金融部', 'business');
  const ops = await makeTerminal(tempDir(), 'OPS', '运行维护中心', 'ops');
  await biz.ok('directory:saveUser', { username: 'ywb-head', name: '个人金融部负责人', unitCode: 'YWB', roles: ['dept_head'], password: PASS });
  await biz.ok('directory:saveSystem', { code: 'CORE', name: '核心业务系统', class: '生产业务系统', ownerUnit: 'YWB' });
  await ops.ok('directory:saveUser', { username: 'ops-head', name: '运维中心负责人', unitCode: 'OPS', roles: ['ops_head'], password: PASS });
  await biz.trust(ops, dir);
  await ops.trust(biz, dir);
  return { dir, biz, ops };
}

/** A form submitted and approved on the business terminal, sent to the ops terminal: 待受理评估 on both. */
export async function waitingForAssessment(biz: Terminal, ops: Terminal, dir: string): Promise<string> {
  await as(biz, 'ywb-user');
  const { state } = await biz.ok('change:create', PART1);
  await biz.ok('change:submit', { formId: state.formId });
  await as(biz, 'ywb-head');
  await biz.ok('change:deptApprove', { formId: state.formId, opinion: '同意' });
  await send(biz, ops, dir, 'b1');
  return state.formId;
}

