import { auditLog } from '../../services/maintenance';
import { EXIT_OK, EXIT_REFUSED, UsageError, type Command } from '../command';
import { dataDirOption, openData } from '../open-data';

/** `changedesk audit verify`: re-checks the whole event log and names the first bad event. */
export const auditCommand: Command = {
  name: 'audit',
  summary: '审计：verify 重新校验事件日志中每一条记录的哈希、签名和链接，并指出第一条有问题的记录',
  usage: 'verify [--data-dir 目录]',
  options: { ...dataDirOption },
  async run(args, io) {
    if (args.positionals[0] !== 'verify' || args.positionals.length !== 1) throw new UsageError('目前只支持 audit verify。');
    const data = openData(args.values['data-dir'], io);
    try {
      const r = auditLog(data.db, data.dataDir);
      const origins = Object.entries(r.origins)
        .map(([o, n]) => `${o}：${n} 条`)
        .join('，');
      if (r.ok) {
        io.stdout(`事件日志校验通过：共 ${r.events} 条事件，哈希、签名、链接均正确。${origins ? `（${origins}）` : ''}\n`);
        return EXIT_OK;
      }
      const b = r.firstBad!;
      io.stderr(
        [
          `事件日志校验失败：第 ${b.pos} 条记录有问题（此前 ${r.events} 条正确）。`,
          `  来源单位 ${b.origin}，序号 ${b.seq}，记录 ${b.stream}，类型 ${b.type}`,
          `  事件编号 ${b.id}`,
          `  原因：${b.reason}`,
          '',
        ].join('\n'),
      );
      return EXIT_REFUSED;
    } finally {
      data.close();
    }
  },
};
