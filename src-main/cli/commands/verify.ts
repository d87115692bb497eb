import { displayBeijing } from '../../shared/schemas/calendar';
import { describePrerequisites, terminalKeyring, verifyBundle } from '../../exchange';
import { AppError } from '../../shared/errors';
import { EXIT_OK, EXIT_REFUSED, UsageError, type Command } from '../command';
import { dataDirOption } from '../open-data';
import { openExchange } from './exchange-common';
import { progressPrinter } from '../progress';

/** `changedesk verify F`: checks a bundle without importing; exit 0 only when intact and signed by a known key. */
export const verifyCommand: Command = {
  name: 'verify',
  summary: '核验交换包而不导入：完整且由已登记单位签署时退出码为 0',
  usage: '文件.cdbundle [--data-dir 目录]',
  options: { ...dataDirOption },
  async run(args, io) {
    const [file, ...rest] = args.positionals;
    if (!file || rest.length > 0) throw new UsageError('需要一个交换包文件。');
    const { data, x } = openExchange(args.values['data-dir'], io);
    const progress = progressPrinter(io);
    try {
      const keyring = terminalKeyring(x);
      const v = await verifyBundle(file, {
        keyring,
        local: x.store.localLog(),
        onProgress: (p) => progress(p.phase === 'events' ? '已核验事件' : '已核验附件', p.done, p.total),
      });
      progress.finish();
      const m = v.manifest;
      io.stdout(
        [
          `交换包完整，签名有效。`,
          `签署单位：${v.producer.name}（${m.producer.unit}），指纹 ${m.producer.fingerprint}`,
          `接收单位：${m.addressee ?? '（全部导出，未指定）'}`,
          `导出时间：${displayBeijing(m.createdAt)}`,
          `事件：${v.eventCount} 个，其中本终端已有 ${v.knownEvents} 个，新事件 ${v.newEvents} 个；附件 ${m.files.length - 1} 个`,
          ...(v.waitingFor.length ? [`导入时将暂存，等待：${describePrerequisites(keyring, v.waitingFor).join('；')}`] : []),
          '',
        ].join('\n'),
      );
      return EXIT_OK;
    } catch (e) {
      progress.finish();
      if (!(e instanceof AppError)) throw e;
      io.stderr(`核验未通过：${e.message}\n`);
      return EXIT_REFUSED;
    } finally {
      data.close();
    }
  },
};
