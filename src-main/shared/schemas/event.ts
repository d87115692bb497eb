// The event envelope (architecture.md, Data). Every change to a form is one of these, hashed
// and signed by the terminal of its origin unit; events are never updated or deleted.

export interface EventBody {
  /** Code of the unit whose terminal wrote the event (its signer). */
  origin: string;
  /** 1, 2, 3 … per origin, without gaps. */
  seq: number;
  /** id of the origin's previous event; null for seq 1. */
  prev: string | null;
  /** ISO 8601 time with offset, from the writing terminal's clock. */
  time: string;
  /** id of the user who acted. */
  author: string;
  /** The role the author acted in (a role code). */
  role: string;
  /** The stream the event belongs to: a form id, or a directory stream such as `dir:<unit>`. */
  formId: string;
  /** ids of the stream's head event(s) this one extends; two events with the same parent conflict. */
  parents: string[];
  type: string;
  payload: unknown;
}

export interface SignedEvent extends EventBody {
  /** sha256 (hex) of the canonical bytes of the body. */
  id: string;
  /** Ed25519 signature (base64) of the canonical bytes of the body, by the origin's key. */
  sig: string;
}
