import { createInterface } from 'node:readline/promises';
import type { ExchangeContext } from '../../exchange';
import { PROGRAM_VERSION, type ServiceContext } from '../../services';
import { exchangeContextOf } from '../../services/exchange-service';
import type { ImportItem } from '../../shared/schemas/exchange';
import type { CliIo } from '../command';
import { openData, type OpenedData } from '../open-data';

// Shared by the exchange commands (key, peer, export, import, verify, archive). They act as the
// terminal itself: whoever runs them holds the data folder and its signing key file.

export interface OpenedExchange {
  data: OpenedData;
  x: ExchangeContext;
}

export function openExchange(dataDirArg: unknown, io: CliIo): OpenedExchange {
  const data = openData(dataDirArg, io);
  try {
    const ctx: ServiceContext = { db: data.db, dataDir: data.dataDir, version: PROGRAM_VERSION, clock: () => new Date() };
    return { data, x: exchangeContextOf(ctx) };
  } catch (e) {
    data.close();
    throw e;
  }
}


/** Asks a yes/no question on the terminal; false when there is none to ask on. */
export async function confirm(io: CliIo, question: string): Promise<boolean> {
  if (!io.isTty || !process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(question);
    return /^(y|yes|是|确认)$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** One imported file's result in words (`archive`: for `archive import`, whose catalogue lists every arrived bundle, §27). */
export function describeImport(item: ImportItem, archive = false): string {
  if (!item.ok) return `✗ ${item.file}：${item.message}`;
  const head = `✓ ${item.file}（来自 ${item.producer}）`;
  switch (item.outcome) {
    case 'applied':
      return `${head}：导入 ${item.newEvents} 个新事件（共 ${item.eventCount} 个）${item.conflicts ? `，发现 ${item.conflicts} 处冲突待处理` : ''}${
        item.released.length ? `；此前暂存的 ${item.released.length} 个交换包随之导入` : ''
      }。`;
    case 'unchanged':
      // The very same file again changes nothing; another file with the same events is listed as arrived.
      if (!item.recorded) return `${head}：全部 ${item.eventCount} 个事件本终端已有，未作任何改动。`;
      return `${head}：全部 ${item.eventCount} 个事件本终端已有，未改变任何表单；${archive ? '已将此交换包记入档案目录' : '已登记收到此交换包'}。`;
    case 'pending':
      return `${head}：缺少前序事件，已暂存，待收到以下事件后自动导入：${item.waitingFor.join('；')}。`;
  }
}
