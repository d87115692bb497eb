import { isCallName } from '../../shared/api';
import { EXIT_OK, EXIT_REFUSED, UsageError, type Command } from '../command';
import { dataDirOption, openData } from '../open-data';

/** `changedesk api <call> '<json>'`: any contract call, printed as JSON. */
export const apiCommand: Command = {
  name: 'api',
  summary: '对数据目录执行任一接口调用，输入输出均为 JSON',
  usage: "<调用名> ['<JSON 输入>'] [--data-dir 目录]",
  options: { ...dataDirOption },
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
    const data = openData(args.values['data-dir'], io);
    try {
      const r = await data.services.dispatch(name, input, { door: 'cli', channel: 'cli' });
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
