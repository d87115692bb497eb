import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeStoredEvent, signedBody } from '../../src-main/exchange/event-line';
import { canonicalEventBytes, canonicalJson, signEvent } from '../../src-main/store/event-codec';
import { makeUnit } from './fixtures';

const unit = makeUnit('OPS');
// Payload keys chosen to look like the envelope's own members, and strings full of quotes.
const tricky = fc.constantFrom('id', 'sig', 'time', 'prev', 'origin', 'type', 'seq', 'a"b', ',"time":"', 'x');
const payload = fc.dictionary(tricky, fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.dictionary(tricky, fc.string())));

describe('events.ndjson lines', () => {
  it('the line built from the stored body equals the canonical JSON of the signed event, and gives the body back', () => {
    fc.assert(
      fc.property(payload, fc.string({ minLength: 1 }), fc.boolean(), (p, author, first) => {
        const e = signEvent(
          {
            origin: 'OPS',
            seq: first ? 1 : 7,
            prev: first ? null : 'a'.repeat(64),
            time: '2026-11-28T21:30:00+08:00',
            author,
            role: 'applicant',
            formId: 'BG-OPS-2026-0001',
            parents: [],
            type: 'change.saveDraft',
            payload: p,
          },
          unit.privateKey,
        );
        const encoded = encodeStoredEvent({ id: e.id, origin: e.origin, seq: e.seq, body: canonicalEventBytes(e), sig: Buffer.from(e.sig, 'base64') });
        expect(encoded.line).toBe(canonicalJson(e));
        expect(encoded.prev).toBe(e.prev);
        expect(signedBody(encoded.line, e)).toEqual(canonicalEventBytes(e));
      }),
      { numRuns: 300 },
    );
  });

  it('a line spelt differently still yields the signed body; one that was changed yields none', () => {
    const e = signEvent(
      { origin: 'OPS', seq: 1, prev: null, time: '2026-11-28T21:30:00+08:00', author: 'u', role: 'applicant', formId: 'f', parents: [], type: 't', payload: { a: 1 } },
      unit.privateKey,
    );
    expect(signedBody(JSON.stringify(e, null, 2), e)).toEqual(canonicalEventBytes(e));
    const changed = { ...e, payload: { a: 2 } };
    expect(signedBody(canonicalJson(changed), changed)).toBeUndefined();
  });
});
