import { completenessReport, importFolder, verifyArchive } from '../../exchange';
import { folderItem, requireArchiveTerminal } from '../../services/exchange-service';
import { displayBeijing } from '../../shared/schemas/calendar';
import { EXIT_OK, EXIT_REFUSED, UsageError, type Command } from '../command';
import { dataDirOption } from '../open-data';
import { describeImport, openExchange } from './exchange-common';
import { progressPrinter } from '../progress';

const OUTCOME_LABEL: Record<string, string> = { applied: '已导入', unchanged: '已导入（无新事件）', pending: '暂存待补', fork: '分叉已拒绝' };

/** Archive mode of IT综合科 (§27): `archive import DIR`, `archive report`, `archive verify`, `archive catalogue`. */
export const archiveCommand: Command = {
  name: 'archive',
  summary: '归档（IT综合科）：整目录导入交换包、归档目录、各单位完整性报告、全链核验',
  usage: 'import 目录 | report | verify | catalogue [--data-dir 目录]',
  options: { ...dataDirOption },
  async run(args, io) {
    const [verb, arg, ...rest] = args.positionals;
    if (rest.length > 0) throw new UsageError('参数过多。');
    const { data, x } = openExchange(args.values['data-dir'], io);
    const progress = progressPrinter(io);
    try {
      // §27: as the archive's calls (requireArchive), only on IT综合科's archive terminal.
      requireArchiveTerminal(x.self);
      switch (verb) {
        case 'import': {
          if (!arg) throw new UsageError('需要交换包所在的目录。');
          const items = (
            await importFolder(x, arg, {
              onProgress: (p) => progress(p.phase === 'applying' ? '正在写入事件' : '已核验事件', p.done, p.total),
            })
          ).map(folderItem);
          progress.finish();
          if (items.length === 0) io.stdout(`目录「${arg}」中没有 .cdbundle 文件。\n`);
          for (const item of items) (item.ok ? io.stdout : io.stderr)(`${describeImport(item, true)}\n`);
          const refused = items.filter((i) => !i.ok).length;
          io.stdout(`共 ${items.length} 个交换包：成功 ${items.length - refused} 个，拒绝 ${refused} 个。\n`);
          return refused === 0 ? EXIT_OK : EXIT_REFUSED;
        }
        case 'report': {
          for (const u of completenessReport(x)) {
            io.stdout(
              [
                `■ ${u.name}（${u.unit}）`,
                // A unit without a terminal of its own (an applicant department served by another's) signs no events.
                `  事件：${u.headSeq > 0 ? `第 1–${u.headSeq} 号已归档` : '无本单位签署的事件'}${u.claimedSeq > u.headSeq ? `；已知存在至第 ${u.claimedSeq} 号` : ''}`,
                `  序号缺口：${u.gaps.length ? u.gaps.map((g) => `第 ${g.fromSeq}–${g.toSeq} 号`).join('、') : '无'}`,
                `  暂存待补的交换包：${u.pendingBundles} 个；最近导入：${u.lastImportAt ? displayBeijing(u.lastImportAt) : '从未'}`,
                `  表单：${u.forms} 份；未归档：${u.notArchived.length ? u.notArchived.join('、') : '无'}`,
                `  未登记纸质签字：${u.unrecordedSignatures.length ? u.unrecordedSignatures.join('、') : '无'}`,
                '',
              ].join('\n'),
            );
          }
          return EXIT_OK;
        }
        case 'verify': {
          const checks = await verifyArchive(x, (unit, done) => progress(`正在核验 ${unit}`, done));
          progress.finish();
          for (const c of checks) {
            io.stdout(`${c.ok ? '✓' : '✗'} ${c.unit}：${c.events} 个事件${c.ok ? '，事件链完整，签名全部有效' : ''}\n`);
            for (const p of c.problems) io.stdout(`    ${p}\n`);
          }
          return checks.every((c) => c.ok) ? EXIT_OK : EXIT_REFUSED;
        }
        case 'catalogue': {
          for (const r of x.store.records()) {
            io.stdout(`${displayBeijing(r.importedAt)}\t${r.fileName}\t${r.producer}\t${OUTCOME_LABEL[r.outcome] ?? r.outcome}\t${r.newEvents}/${r.eventCount}\t${r.bundleSha256.slice(0, 16)}\n`);
          }
          return EXIT_OK;
        }
        default:
          throw new UsageError('子命令须为 import、report、verify 或 catalogue。');
      }
    } finally {
      data.close();
    }
  },
};
