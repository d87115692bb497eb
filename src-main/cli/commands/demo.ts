import { DEMO_PASSWORD, loadDemoData } from '../../services/demo/demo-data';
import { coreOf } from '../../services';
import { roleLabel } from '../../shared/schemas/roles';
import { EXIT_OK, EXIT_REFUSED, type Command } from '../command';
import { dataDirOption, openData } from '../open-data';
import { passwordFrom } from '../password';

/** `changedesk demo`: a living program for a new user — units, people in every role, systems, ~40 forms. */
export const demoCommand: Command = {
  name: 'demo',
  summary: '载入演示数据：单位、各角色用户、系统登记和约 40 张处于各个状态的变更单',
  usage: '[--data-dir 目录] [--user 管理员用户名（已初始化的终端；密码取自 CHANGEDESK_PASSWORD）]',
  options: { ...dataDirOption, user: { type: 'string' } },
  async run(args, io) {
    const data = openData(args.values['data-dir'], io);
    const call = { door: 'cli' as const, channel: 'cli' };
    try {
      const core = coreOf(data.ctx);
      let adminId: string;
      if (!core.terminalUnit()) {
        const init = await data.services.call(
          'setup:init',
          { unitCode: 'OPS', unitName: '科技信息部运行维护中心', unitKind: 'ops', adminUsername: 'admin', adminName: '管理员', adminPassword: DEMO_PASSWORD },
          call,
        );
        if (!init.ok) {
          io.stderr(`${init.error.message}\n`);
          return EXIT_REFUSED;
        }
        io.stdout(`本终端已初始化为「${init.value.unit.name}」（${init.value.unit.code}），单位密钥指纹 ${init.value.fingerprint}。\n`);
        adminId = core.dir.usersNamed('admin')[0]!.id;
      } else {
        const user = args.values.user;
        if (typeof user !== 'string') {
          io.stderr('本终端已完成初始设置：请用 --user 指定一位管理员（密码取自 CHANGEDESK_PASSWORD）。\n');
          return EXIT_REFUSED;
        }
        const login = await data.services.call('auth:login', { username: user, password: await passwordFrom(io, `用户 ${user} 的密码：`) }, call);
        if (!login.ok || !login.value.user.roles.includes('admin')) {
          io.stderr(`${login.ok ? '须由管理员载入演示数据。' : login.error.message}\n`);
          return EXIT_REFUSED;
        }
        adminId = login.value.user.id;
      }
      const r = await loadDemoData(data.ctx, { id: adminId });
      io.stdout(`已载入 ${r.forms} 张演示变更单、${r.projectForms} 张上线、发布申请和生产系统访问登记。演示用户（密码均为 ${DEMO_PASSWORD}）：\n`);
      for (const u of r.users) io.stdout(`  ${u.username.padEnd(10)} ${u.name}  ${u.unit}  ${u.roles.map(roleLabel).join('、')}\n`);
      if (!args.values.user) io.stdout(`  admin      管理员  （本程序管理员，密码 ${DEMO_PASSWORD}）\n`);
      return EXIT_OK;
    } finally {
      data.close();
    }
  },
};
