import { UNIT_KINDS, type UnitKind } from '../../shared/schemas/roles';
import { EXIT_OK, EXIT_REFUSED, UsageError, type Command } from '../command';
import { dataDirOption, openData } from '../open-data';
import { passwordFrom } from '../password';

/** `changedesk init`: first-run set-up of a terminal from the command line (issue 3). */
export const initCommand: Command = {
  name: 'init',
  summary: '初始设置本终端：所属单位、单位签名密钥、第一位管理员（密码取自 CHANGEDESK_PASSWORD 或终端输入）',
  usage: '--unit-code 代码 --unit-name 名称 --admin 用户名 [--admin-name 姓名] [--unit-kind 单位类别，默认 ops] [--demo] [--data-dir 目录]',
  options: {
    ...dataDirOption,
    'unit-code': { type: 'string' },
    'unit-name': { type: 'string' },
    'unit-kind': { type: 'string' },
    admin: { type: 'string' },
    'admin-name': { type: 'string' },
    demo: { type: 'boolean' },
  },
  async run(args, io) {
    const v = args.values;
    const unitCode = v['unit-code'];
    const unitName = v['unit-name'];
    const admin = v.admin;
    if (typeof unitCode !== 'string' || typeof unitName !== 'string' || typeof admin !== 'string') {
      throw new UsageError('需要 --unit-code、--unit-name 和 --admin。');
    }
    const kind = typeof v['unit-kind'] === 'string' ? v['unit-kind'] : 'ops';
    if (!(kind in UNIT_KINDS)) throw new UsageError(`单位类别「${kind}」无效，可选：${Object.keys(UNIT_KINDS).join(', ')}。`);
    const password = await passwordFrom(io, `管理员 ${admin} 的密码：`);
    const data = openData(v['data-dir'], io);
    try {
      const r = await data.services.call(
        'setup:init',
        {
          unitCode,
          unitName,
          unitKind: kind as UnitKind,
          adminUsername: admin,
          adminName: typeof v['admin-name'] === 'string' ? v['admin-name'] : admin,
          adminPassword: password,
          loadDemo: v.demo === true,
        },
        { door: 'cli', channel: 'cli' },
      );
      if (!r.ok) {
        io.stderr(`${r.error.message}\n`);
        return EXIT_REFUSED;
      }
      io.stdout(
        [
          `本终端已设置为「${r.value.unit.name}」（${r.value.unit.code}）。`,
          `管理员：${admin}`,
          `单位签名公钥指纹：${r.value.fingerprint}`,
          `数据目录：${data.dataDir}`,
          '',
        ].join('\n'),
      );
      return EXIT_OK;
    } finally {
      data.close();
    }
  },
};
