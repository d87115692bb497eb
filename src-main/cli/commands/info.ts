import { EXIT_OK, EXIT_REFUSED, type Command } from '../command';
import { dataDirOption, openData } from '../open-data';

export const infoCommand: Command = {
  name: 'info',
  summary: '显示程序版本、数据目录、数据库版本和本终端是否已完成初始设置',
  usage: '[--data-dir 目录]',
  options: { ...dataDirOption },
  async run(args, io) {
    const data = openData(args.values['data-dir'], io);
    try {
      const r = await data.services.call('app:info', {}, { door: 'cli', channel: 'cli' });
      if (!r.ok) {
        io.stderr(`${r.error.message}\n`);
        return EXIT_REFUSED;
      }
      const v = r.value;
      io.stdout(
        [
          `ChangeDesk 变更发布管理台 ${v.version}`,
          `数据目录：${v.dataDir}`,
          `数据库版本：${v.schemaVersion}`,
          `初始设置：${v.setUp ? '已完成' : '未完成'}`,
          '',
        ].join('\n'),
      );
      return EXIT_OK;
    } finally {
      data.close();
    }
  },
};
