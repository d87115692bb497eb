import { resolve } from 'node:path';
import { restoreDatabase } from '../../store/backup';
import { EXIT_OK, UsageError, type Command } from '../command';
import { dataDirOption, openData } from '../open-data';

/** `changedesk restore F`: the current database is backed up first, then replaced by F. */
export const restoreCommand: Command = {
  name: 'restore',
  summary: '从备份文件恢复数据库（先自动备份当前数据）；请先关闭桌面程序和浏览器宿主',
  usage: '<备份文件> [--data-dir 目录]',
  options: { ...dataDirOption },
  async run(args, io) {
    const [file, ...rest] = args.positionals;
    if (!file || rest.length > 0) throw new UsageError('需要且只需要一个备份文件。');
    const data = openData(args.values['data-dir'], io);
    try {
      const r = await restoreDatabase(data.db, data.dataDir, resolve(file), new Date());
      io.stdout(`已从 ${resolve(file)} 恢复数据库（数据库版本 ${r.schemaVersion}）。\n恢复前的数据已备份为 ${resolve(data.dataDir, 'backups', r.before.name)}\n`);
      return EXIT_OK;
    } finally {
      data.close();
    }
  },
};
