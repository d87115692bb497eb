import type { ApiInput, CallName } from '../../src-main/shared/api';
import type { Host } from './host-fixture';
import { ADMIN } from './ui-steps';

/** One contract call as a script makes it (the token header), for setting the scene quickly. */
export async function api<K extends CallName>(host: Host, name: K, input: ApiInput<K>): Promise<unknown> {
  const token = new URL(host.url).searchParams.get('token') ?? '';
  const res = await fetch(`${host.origin}/api/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-changedesk-token': token },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
  return body.value;
}

export const PASSWORD = 'Change-desk-1';

/** The people of a whole change (domain.md, Who), one per role, each in a unit of the right kind. */
export const PEOPLE = {
  applicant: { username: 'zhangsan', name: '张三', unitCode: 'YWB', roles: ['applicant'] },
  deptHead: { username: 'lisi', name: '李四', unitCode: 'YWB', roles: ['dept_head'] },
  coordinator: { username: 'wangwu', name: '王五', unitCode: 'OPS', roles: ['ops_coordinator', 'sysadmin'] },
  opsHead: { username: 'zhaoliu', name: '赵六', unitCode: 'OPS', roles: ['ops_head'] },
  tester: { username: 'sunqi', name: '孙七', unitCode: 'CSZX', roles: ['tester'] },
  security: { username: 'zhouba', name: '周八', unitCode: 'AQK', roles: ['security_reviewer'] },
  itHead: { username: 'wujiu', name: '吴九', unitCode: 'KJB', roles: ['it_head'] },
  archivist: { username: 'zhengshi', name: '郑十', unitCode: 'ZHK', roles: ['archivist'] },
} as const;

/** Sets the terminal up (OPS) and registers units, a system and the people above. */
export async function seedDirectory(host: Host): Promise<void> {
  await api(host, 'setup:init', {
    unitCode: 'OPS',
    unitName: '科技信息部·运行维护中心',
    unitKind: 'ops',
    adminUsername: ADMIN.username,
    adminName: ADMIN.name,
    adminPassword: ADMIN.password,
  });
  await api(host, 'auth:login', { username: ADMIN.username, password: ADMIN.password });
  const units = [
    { code: 'YWB', name: '个人金融部', kind: 'business' },
    { code: 'CSZX', name: '科技信息部·测试评估中心', kind: 'test' },
    { code: 'AQK', name: '科技信息部·安全科', kind: 'security' },
    { code: 'KJB', name: '科技信息部', kind: 'it_dept' },
    { code: 'ZHK', name: 'IT综合科', kind: 'archive' },
  ] as const;
  for (const u of units) await api(host, 'directory:saveUnit', u);
  await api(host, 'directory:saveSystem', { code: 'CORE', name: '核心业务系统', class: '生产业务系统', ownerUnit: 'OPS' });
  for (const p of Object.values(PEOPLE)) await api(host, 'directory:saveUser', { ...p, roles: [...p.roles], password: PASSWORD });
  await api(host, 'auth:logout', {});
}
