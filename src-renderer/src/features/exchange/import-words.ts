import type { ApiOutput } from '@shared/api';

type ImportItem = ApiOutput<'exchange:import'>[number];

function conflictWords(found: number, open: number): string {
  if (found === 0) return '';
  if (open === 0) return `；其中 ${found} 处冲突已在数据包中选定`;
  return `；发现 ${open} 处冲突，请在“冲突”中处理`;
}

/**
 * What a bundle whose events were all here already did: the very same file again changes
 * nothing; another file is still listed as arrived (on the archive: in its catalogue, §27).
 */
function nothingNewWords(recorded: boolean, archive: boolean): string {
  if (!recorded) return '均已存在，未作任何改动';
  return `本终端均已有，未改变任何表单；${archive ? '此数据包已记入档案目录' : '已登记收到此数据包'}`;
}

/** One imported file's result in words (what a person reads after an import; `archive`: on the 归档 tab). */
export function importWords(item: ImportItem, archive = false): string {
  if (!item.ok) return `${item.file}：未导入。${item.message}`;
  const base = `${item.file}：来自 ${item.producer}，共 ${item.eventCount} 条记录`;
  switch (item.outcome) {
    case 'applied':
      return `${base}，新增 ${item.newEvents} 条，已全部导入${conflictWords(item.conflicts, item.conflictsOpen ?? item.conflicts)}${item.released.length ? `；并补齐了此前暂存的 ${item.released.length} 个数据包` : ''}。`;
    case 'unchanged':
      return `${base}，${nothingNewWords(item.recorded, archive)}。`;
    case 'pending':
      return `${base}，缺少 ${item.waitingFor.join('、')} 的更早数据包，已暂存，待其导入后自动应用。`;
  }
}
