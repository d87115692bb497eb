import { displayBeijing } from '../../shared/schemas/calendar';
import { readPeerKeyFile } from '../../exchange';
import { EXIT_OK, EXIT_REFUSED, UsageError, type Command } from '../command';
import { dataDirOption } from '../open-data';
import { confirm, openExchange } from './exchange-common';

/** `changedesk peer add F [--yes]`, `peer list`, `peer revoke UNIT`. */
export const peerCommand: Command = {
  name: 'peer',
  summary: '管理交换单位：添加（显示指纹并请您核对）、列出、吊销',
  usage: 'add 公钥文件 [--yes] | list | revoke 单位代码 [--data-dir 目录]',
  options: { ...dataDirOption, yes: { type: 'boolean', short: 'y' } },
  async run(args, io) {
    const [verb, arg, ...rest] = args.positionals;
    if (rest.length > 0) throw new UsageError('参数过多。');
    const { data, x } = openExchange(args.values['data-dir'], io);
    try {
      switch (verb) {
        case 'add': {
          if (!arg) throw new UsageError('需要对方的公钥文件。');
          const k = readPeerKeyFile(arg);
          if (k.unit === x.self.unit) {
            io.stderr('这是本单位自己的公钥，无需添加。\n');
            return EXIT_REFUSED;
          }
          const existing = x.store.peer(k.unit);
          io.stdout(
            [
              `单位：${k.name}（${k.unit}）`,
              `公钥指纹：${k.fingerprint}`,
              existing && existing.fingerprint !== k.fingerprint ? `注意：将替换已登记的公钥（原指纹 ${existing.fingerprint}）。` : '',
              '请通过电话或书面与对方逐组核对以上指纹。',
              '',
            ]
              .filter((l, i, a) => l !== '' || i === a.length - 1)
              .join('\n'),
          );
          const yes = args.values.yes === true || (await confirm(io, '指纹一致吗？一致请输入 yes：'));
          if (!yes) {
            io.stderr(args.values.yes === true || io.isTty ? '未确认，未添加。\n' : '未确认，未添加（非交互运行时，核对无误后请加 --yes）。\n');
            return EXIT_REFUSED;
          }
          x.db.transaction(() => x.store.savePeer(k, x.now(), 'cli')).immediate();
          io.stdout(`已添加交换单位「${k.name}」（${k.unit}）。\n`);
          return EXIT_OK;
        }
        case 'list': {
          const peers = x.store.peers();
          if (peers.length === 0) io.stdout('尚未添加任何交换单位。\n');
          const history = x.store.keyHistory();
          for (const p of peers) {
            const acks = Object.entries(x.store.acks(p.unit))
              .map(([o, s]) => `${o}≤${s}`)
              .join(' ');
            io.stdout(`${p.unit}\t${p.name}\t${p.fingerprint}\t添加于 ${displayBeijing(p.addedAt)}${p.revokedAt ? `\t已吊销（${displayBeijing(p.revokedAt)}）` : ''}${acks ? `\t对方已有：${acks}` : ''}\n`);
            // A replaced key still proves the events it signed before the replacement.
            for (const k of history.filter((h) => h.unit === p.unit && h.toSeq !== null)) {
              io.stdout(`\t曾用密钥 ${k.fingerprint}（第 ${k.fromSeq}–${k.toSeq} 号事件）\n`);
            }
          }
          return EXIT_OK;
        }
        case 'revoke': {
          if (!arg) throw new UsageError('需要单位代码。');
          if (!x.store.peer(arg)) {
            io.stderr(`单位「${arg}」不是已添加的交换单位。\n`);
            return EXIT_REFUSED;
          }
          x.db.transaction(() => x.store.revokePeer(arg, x.now(), 'cli')).immediate();
          io.stdout(`已吊销单位「${arg}」的公钥：此后其签署的交换包将被拒绝。\n`);
          return EXIT_OK;
        }
        default:
          throw new UsageError('子命令须为 add、list 或 revoke。');
      }
    } finally {
      data.close();
    }
  },
};
