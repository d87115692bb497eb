import type { SignedEvent } from '../shared/schemas/event';
import { canonicalEventBytes, sha256Hex } from '../store/event-codec';

// One line of events.ndjson is the canonical JSON of a signed event: the canonical body with
// its `id` and `sig` members in their sorted places (… "formId", "id", "origin" … "seq", "sig",
// "time", "type"). Export and import go between the stored body bytes and that line by
// inserting or removing those two members, without parsing and encoding the event again (an
// archive moves hundreds of thousands of them). A quote inside a string value is always
// escaped, so `,"origin":"` cannot occur inside `author` or `formId`, and nothing after the
// top-level `"time"` or `"sig"` member can contain another such key.

export interface StoredEventRow {
  id: string;
  origin: string;
  seq: number;
  body: Buffer;
  sig: Buffer;
}

/** The line of a stored event, with the fields the writer checks the chain with. */
export function encodeStoredEvent(row: StoredEventRow): { origin: string; seq: number; prev: string | null; id: string; line: string } {
  const body = row.body.toString('utf8');
  const o = body.indexOf(',"origin":"');
  const t = body.lastIndexOf(',"time":"');
  const p = body.lastIndexOf(',"prev":');
  if (o === -1 || t === -1 || p === -1) throw new Error(`stored event ${row.id} is not canonical`);
  const prevText = body.slice(p + ',"prev":'.length, body.indexOf(',', p + 1));
  const sig = row.sig.toString('base64');
  const line = `${body.slice(0, o)},"id":"${row.id}"${body.slice(o, t)},"sig":"${sig}"${body.slice(t)}`;
  return { origin: row.origin, seq: row.seq, prev: prevText === 'null' ? null : (JSON.parse(prevText) as string), id: row.id, line };
}

/**
 * The bytes the origin hashed and signed. A line written by ChangeDesk is the canonical JSON of
 * the signed event, so removing its `id` and `sig` members gives the canonical body without
 * encoding it again (an archive import reads hundreds of thousands of lines); any other
 * spelling of the line falls back to encoding the parsed body. Undefined when neither hashes
 * to the event's id.
 */
export function signedBody(line: string, e: SignedEvent): Buffer | undefined {
  const idMember = `,"id":"${e.id}",`;
  const sigMember = `,"sig":"${e.sig}",`;
  const i = line.indexOf(idMember);
  const j = line.lastIndexOf(sigMember);
  if (i !== -1 && j > i) {
    const body = Buffer.from(`${line.slice(0, i)},${line.slice(i + idMember.length, j)},${line.slice(j + sigMember.length)}`, 'utf8');
    if (sha256Hex(body) === e.id) return body;
  }
  let body: Buffer;
  try {
    body = canonicalEventBytes(e);
  } catch {
    return undefined;
  }
  return sha256Hex(body) === e.id ? body : undefined;
}
