import { displayBeijing } from '../../shared/schemas/calendar';
import type { ConflictView } from '../../shared/schemas/exchange';
import { EXIT_OK, EXIT_REFUSED, UsageError, type CliIo, type Command } from '../command';
import { printSessionOptions, withPrintSession } from './print-session';

// Issue 5: two terminals that share no network can both move a form from the same state; a person
// with the right role chooses one branch (§6(3), §10). The same calls and role checks as the
// 交换 › 冲突 screen: the services decide who may choose, the CLI only names the choice.

function conflictLines(c: ConflictView): string[] {
  const form = c.formNo ? `${c.formNo}${c.title ? `「${c.title}」` : ''}` : c.formId;
  const head = `冲突 #${c.id}  ${form}  发现于 ${displayBeijing(c.detectedAt)}`;
  if (c.resolvedBy) return [`${head}  已处理（选定事件 ${c.resolvedBy.slice(0, 12)}）${c.currentStateLabel ? `，当前状态：${c.currentStateLabel}` : ''}`];
  const lines = [`${head}  待处理${c.fromStateLabel ? `：两个终端都在「${c.fromStateLabel}」办理了该单` : ''}`];
  if (c.resolvers) lines.push(`  可选定者：${c.resolvers}`);
  if (c.branches?.length) {
    c.branches.forEach((b, i) =>
      lines.push(`  分支 ${i + 1}  ${b.tip.slice(0, 12)}  ${b.label}（${b.name}，${b.roleLabel}，${displayBeijing(b.time)}）→ ${b.stateLabel}，共 ${b.eventCount} 项`),
    );
  } else {
    c.events.forEach((e, i) => lines.push(`  事件 ${i + 1}  ${e.id.slice(0, 12)}  ${e.type}（${e.origin}，${displayBeijing(e.time)}）`));
  }
  return lines;
}

/** The event a `--choose` names: a branch number as listed (1, 2 …) or the start of its event id. */
function chosenEvent(c: ConflictView, choose: string): string {
  const options = c.branches?.length ? c.branches.map((b) => b.tip) : c.events.map((e) => e.id);
  if (/^\d{1,2}$/.test(choose)) {
    const id = options[Number(choose) - 1];
    if (!id) throw new UsageError(`冲突 #${c.id} 只有 ${options.length} 个分支，请用 1–${options.length} 之一。`);
    return id;
  }
  const prefix = choose.toLowerCase();
  if (!/^[0-9a-f]{4,64}$/.test(prefix)) throw new UsageError('--choose 须为分支编号（1、2 …）或事件编号的前 4 位以上。');
  const hits = options.filter((id) => id.startsWith(prefix));
  if (hits.length !== 1) throw new UsageError(hits.length === 0 ? `冲突 #${c.id} 中没有以 ${choose} 开头的事件。` : `以 ${choose} 开头的事件不止一个，请多写几位。`);
  return hits[0]!;
}

/** `changedesk conflict list`, `conflict resolve <单号|表单编号> --choose <分支|事件编号前缀>`. */
export const conflictCommand: Command = {
  name: 'conflict',
  summary: '交换中的冲突：列出两个终端对同一张单的不同办理结果，由有权者选定其一（第6条(3)、第10条）',
  usage: 'list --user 用户名 | resolve 单号或表单编号 --choose 分支编号或事件编号前缀 --user 用户名 [--data-dir 目录]（密码取自 CHANGEDESK_PASSWORD）',
  options: { ...printSessionOptions, choose: { type: 'string' } },
  async run(args, io: CliIo) {
    const [verb, target, ...rest] = args.positionals;
    if (rest.length > 0) throw new UsageError('参数过多。');
    if (verb !== 'list' && verb !== 'resolve') throw new UsageError('子命令须为 list 或 resolve。');
    if (verb === 'list' && target !== undefined) throw new UsageError('list 不带参数。');
    const choose = args.values.choose;
    if (verb === 'resolve' && (!target || typeof choose !== 'string')) throw new UsageError('resolve 需要单号（或表单编号）和 --choose。');
    return withPrintSession(args, io, async (data, call) => {
      const listed = await data.services.call('exchange:conflicts', {}, call);
      if (!listed.ok) {
        io.stderr(`${listed.error.message}\n`);
        return EXIT_REFUSED;
      }
      if (verb === 'list') {
        if (listed.value.length === 0) io.stdout('没有冲突。\n');
        for (const c of listed.value) io.stdout(`${conflictLines(c).join('\n')}\n`);
        return EXIT_OK;
      }
      const open = listed.value.filter((c) => !c.resolvedBy && (c.formNo === target || c.formId === target));
      const c = open[0];
      if (!c) {
        io.stderr(`单号 ${target} 没有待处理的冲突（changedesk conflict list 可列出全部冲突）。\n`);
        return EXIT_REFUSED;
      }
      const r = await data.services.call('exchange:resolveConflict', { conflictId: c.id, chosenEventId: chosenEvent(c, choose as string) }, call);
      if (!r.ok) {
        io.stderr(`${r.error.message}\n`);
        return EXIT_REFUSED;
      }
      io.stdout(`已选定：${conflictLines(r.value).join('\n')}\n`);
      return EXIT_OK;
    });
  },
};
