import { verify, type KeyObject } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { EventBody } from '../shared/schemas/event';
import { canonicalJson, publicKeyFromPem, sha256Hex } from './event-codec';
import type { EventRow } from './event-log';

const PAGE = 5000;
const BODY_KEYS = ['author', 'formId', 'origin', 'parents', 'payload', 'prev', 'role', 'seq', 'time', 'type'];

export type BadEvent = Pick<EventRow, 'pos' | 'id' | 'origin' | 'seq' | 'stream' | 'type'> & {
  /** What is wrong, in Chinese. */
  reason: string;
};

export interface AuditResult {
  ok: boolean;
  events: number;
  origins: Record<string, number>;
  /** The first event (in log order) that fails a check. */
  firstBad?: BadEvent;
}

/**
 * `audit verify` (architecture.md: the audit trail is the event log): re-hashes every event,
 * checks its signature with its origin's key, its place in the origin's chain (seq without
 * gaps, prev = the previous event's id), that its parents came before it in the same stream,
 * and that the indexed columns say what the signed body says. Stops at the first bad event.
 *
 * keyOf gives the public key trusted for an origin: for this terminal's own unit the caller
 * derives it from the private key file, never from a table an intruder could edit.
 */
export function verifyLog(db: Database, keyOf: (origin: string) => KeyObject | string | undefined): AuditResult {
  const page = db.prepare<[number], EventRow>(`SELECT * FROM event WHERE pos > ? ORDER BY pos LIMIT ${PAGE}`);
  const parentStmt = db.prepare<[string], { pos: number; stream: string }>('SELECT pos, stream FROM event WHERE id = ?');
  const chains = new Map<string, { seq: number; id: string }>();
  const keys = new Map<string, KeyObject | undefined>();
  let events = 0;

  function check(row: EventRow): string | undefined {
    let body: EventBody;
    try {
      body = JSON.parse(row.body.toString('utf8')) as EventBody;
    } catch {
      return '事件内容不是有效的 JSON（记录被改动）';
    }
    if (body === null || typeof body !== 'object' || Object.keys(body).sort().join() !== BODY_KEYS.join()) return '事件内容的字段不完整或多出字段';
    let canonical: string;
    try {
      canonical = canonicalJson(body);
    } catch {
      return '事件内容无法规范化';
    }
    if (!Buffer.from(canonical, 'utf8').equals(row.body)) return '事件内容不是规范形式（记录被改动）';
    if (sha256Hex(row.body) !== row.id) return '哈希值与内容不符（内容或编号被改动）';
    if (body.origin !== row.origin || body.seq !== row.seq || body.formId !== row.stream || body.type !== row.type || body.time !== row.time) {
      return '索引列与签名内容不符';
    }
    if (!keys.has(body.origin)) {
      const k = keyOf(body.origin);
      keys.set(body.origin, typeof k === 'string' ? publicKeyFromPem(k) : k);
    }
    const key = keys.get(body.origin);
    if (!key) return `来源单位 ${body.origin} 的公钥未知，无法验证签名`;
    let signed = false;
    try {
      signed = row.sig.length === 64 && verify(null, row.body, key, row.sig);
    } catch {
      signed = false;
    }
    if (!signed) return `签名无效（不是单位 ${body.origin} 的密钥所签，或签名被改动）`;
    const prev = chains.get(body.origin);
    const expectedSeq = prev ? prev.seq + 1 : 1;
    if (body.seq !== expectedSeq) return `序号不连续：应为 ${expectedSeq}，实为 ${body.seq}`;
    if (body.prev !== (prev ? prev.id : null)) return '与同一来源的前一事件链接不符（prev 错误）';
    for (const parent of body.parents) {
      const p = parentStmt.get(parent);
      if (!p || p.pos >= row.pos) return `父事件 ${parent.slice(0, 12)}… 不在此事件之前`;
      if (p.stream !== row.stream) return `父事件 ${parent.slice(0, 12)}… 属于其他记录`;
    }
    chains.set(body.origin, { seq: body.seq, id: row.id });
    return undefined;
  }

  let after = 0;
  for (;;) {
    const rows = page.all(after);
    if (rows.length === 0) break;
    for (const row of rows) {
      const reason = check(row);
      if (reason) {
        return {
          ok: false,
          events,
          origins: Object.fromEntries([...chains].map(([o, c]) => [o, c.seq])),
          firstBad: { pos: row.pos, id: row.id, origin: row.origin, seq: row.seq, stream: row.stream, type: row.type, reason },
        };
      }
      events++;
    }
    after = rows[rows.length - 1]!.pos;
  }
  return { ok: true, events, origins: Object.fromEntries([...chains].map(([o, c]) => [o, c.seq])) };
}
