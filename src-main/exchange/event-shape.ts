// The wire shape of one line of events.ndjson, checked by hand rather than with zod: an archive
// import reads hundreds of thousands of lines, and this check runs on every one.

const SHA = /^[0-9a-f]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/**
 * The one spelling of 64 bytes in base64: 88 characters, the last byte's low four bits zero in
 * the character before '==' (base64 leaves them spare, and a line altered there would otherwise
 * still verify). Checked on the text: decoding and encoding again cost more, on every line.
 */
const ED25519_SIG = /^[A-Za-z0-9+/]{85}[AQgw]==$/;
const KEYS = new Set(['origin', 'seq', 'prev', 'time', 'author', 'role', 'formId', 'parents', 'type', 'payload', 'id', 'sig']);

function nonEmpty(v: unknown, max = 512): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= max;
}

/** The first thing wrong with the value as a signed event, in Chinese; undefined when it is one. */
export function eventShapeProblem(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return '不是 JSON 对象';
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.has(k)) return `含未知字段「${k}」`;
  if (!nonEmpty(o.origin, 64)) return '缺少来源单位（origin）';
  if (typeof o.seq !== 'number' || !Number.isSafeInteger(o.seq) || o.seq < 1) return '序号（seq）不是正整数';
  if (o.prev !== null && !(typeof o.prev === 'string' && SHA.test(o.prev))) return '前序哈希（prev）无效';
  if ((o.seq === 1) !== (o.prev === null)) return '序号为 1 的事件才没有前序哈希';
  if (!nonEmpty(o.time, 64) || Number.isNaN(Date.parse(o.time))) return '时间（time）无效';
  if (!nonEmpty(o.author)) return '缺少作者（author）';
  if (!nonEmpty(o.role, 64)) return '缺少角色（role）';
  if (!nonEmpty(o.formId)) return '缺少表单或流标识（formId）';
  if (!Array.isArray(o.parents) || o.parents.some((p) => typeof p !== 'string' || !SHA.test(p))) return '父事件列表（parents）无效';
  if (!nonEmpty(o.type, 128)) return '缺少事件类型（type）';
  if (!('payload' in o)) return '缺少内容（payload）';
  if (typeof o.id !== 'string' || !SHA.test(o.id)) return '事件编号（id）不是 SHA-256';
  if (typeof o.sig !== 'string' || !BASE64.test(o.sig) || o.sig.length > 256) return '签名（sig）不是 base64';
  if (!ED25519_SIG.test(o.sig)) return '签名（sig）不是 64 字节 Ed25519 签名的规范 base64';
  return undefined;
}

