import { writeFileSync } from 'node:fs';
import { peerKeyFileText, terminalKeyring } from '../../exchange';
import { EXIT_OK, UsageError, type Command } from '../command';
import { dataDirOption } from '../open-data';
import { openExchange } from './exchange-common';

/** `changedesk key export -o F`: this terminal's public key, for a peer to add. */
export const keyCommand: Command = {
  name: 'key',
  summary: '导出本终端所属单位的公钥文件，交对方单位添加（核对指纹后）',
  usage: 'export -o 文件 [--data-dir 目录]',
  options: { ...dataDirOption, output: { type: 'string', short: 'o' } },
  async run(args, io) {
    const [verb, ...rest] = args.positionals;
    const out = args.values.output;
    if (verb !== 'export' || rest.length > 0 || typeof out !== 'string') throw new UsageError('用法：changedesk key export -o 文件');
    const { data, x } = openExchange(args.values['data-dir'], io);
    try {
      const fingerprint = terminalKeyring(x).key(x.self.unit)!.fingerprint;
      writeFileSync(out, peerKeyFileText({ unit: x.self.unit, name: x.self.name, kind: x.self.kind, publicKeyPem: x.self.publicKeyPem, fingerprint }));
      io.stdout(`已导出「${x.self.name}」（${x.self.unit}）的公钥：${out}\n公钥指纹：${fingerprint}\n请将指纹另行告知对方（电话或书面），供其添加时核对。\n`);
      return EXIT_OK;
    } finally {
      data.close();
    }
  },
};
