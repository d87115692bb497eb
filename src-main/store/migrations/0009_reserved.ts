import type { Migration } from '../migrate';

// Number 9 is taken by another branch being merged at the same time; this stand-in keeps the
// numbering gap-free on the exchange branch until then. At merge the other branch's 0009
// replaces this file (it does nothing, so no database depends on it).
export const m0009Reserved: Migration = {
  version: 9,
  name: '0009_reserved',
  up() {},
};
