import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createBackup, writeBackup } from '../../store/backup';
import { EXIT_OK, EXIT_REFUSED, UsageError, type Command } from '../command';
import { dataDirOption, openData } from '../open-data';

/** `changedesk backup [-o F]`: a consistent copy of the database, while the program may be running. */
export const backupCommand: Command = {
  name: 'backup',
  summary: '备份数据库（可在程序运行时执行）；不指定 -o 时存入数据目录的 backups/',
  usage: '[-o 备份文件] [--data-dir 目录]',
  options: { ...dataDirOption, output: { type: 'string', short: 'o' } },
  async run(args, io) {
    if (args.positionals.length > 0) throw new UsageError('backup 不接受位置参数；用 -o 指定备份文件。');
    const output = args.values.output;
    const target = typeof output === 'string' ? resolve(output) : undefined;
    if (target && existsSync(target)) {
      io.stderr(`文件 ${target} 已存在，未覆盖。请换一个文件名。\n`);
      return EXIT_REFUSED;
    }
    const data = openData(args.values['data-dir'], io);
    try {
      if (target) {
        await writeBackup(data.db, target);
        io.stdout(`已备份到 ${target}\n`);
      } else {
        const entry = await createBackup(data.db, data.dataDir, 'manual', new Date());
        io.stdout(`已备份到 ${resolve(data.dataDir, 'backups', entry.name)}\n`);
      }
      return EXIT_OK;
    } finally {
      data.close();
    }
  },
};
