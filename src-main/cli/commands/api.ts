import { isCallName } from '../../shared/api';
import { EXIT_OK, EXIT_REFUSED, UsageError, type Command } from '../command';
import { dataDirOption, openData } from '../open-data';
import { passwordFrom } from '../password';

/** `changedesk api <call> '<json>'`: any contract call, printed as JSON. */
export const apiCommand: Command = {
  name: 'api',
  summary: '对数据目录执行任一接口调用，输入输出均为 JSON',
  usage: "<调用名> ['<JSON 输入>'] [--user 用户名（密码取自 CHANGEDESK_PASSWORD）] [--data-dir 目录]",
  options: { ...dataDirOption, user: { type: 'string' } },
  async run(args, io) {
    const [name, json, ...rest] = args.positionals;
    if (!name || rest.length > 0) throw new UsageError('需要一个调用名和至多一个 JSON 输入。');
    if (!isCallName(name)) throw new UsageError(`没有名为「${name}」的调用。`);
    let input: unknown = {};
    if (json !== undefined) {
      try {
        input = JSON.parse(json);
      } catch {
        throw new UsageError('输入不是有效的 JSON。');
      }
    }
    const user = args.values.user;
    const password = typeof user === 'string' ? await passwordFrom(io, `用户 ${user} 的密码：`) : undefined;
    const data = openData(args.values['data-dir'], io);
    const call = { door: 'cli' as const, channel: 'cli' };
    try {
      if (typeof user === 'string') {
        const login = await data.services.call('auth:login', { username: user, password }, call);
        if (!login.ok) {
          io.stderr(`登录失败：${login.error.message}\n`);
          return EXIT_REFUSED;
        }
      }
      const r = await data.services.dispatch(name, input, call);
      if (!r.ok) {
        io.stderr(`${r.error.message}\n`);
        io.stdout(`${JSON.stringify(r, null, 2)}\n`);
        return EXIT_REFUSED;
      }
      io.stdout(`${JSON.stringify(r.value, null, 2)}\n`);
      return EXIT_OK;
    } finally {
      data.close();
    }
  },
};
