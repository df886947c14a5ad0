import { facetKey } from './query.ts';
import type { CaseDocument } from './types.ts';

/**
 * The embedded engine's documents, stored by slot (a small integer) with one typed array per
 * filterable or sortable field. Filtering, faceting and sorting 100k cases then means scanning a
 * few flat arrays instead of 100k objects, which is what keeps p95 within the budget.
 */

/**
 * Fields kept as dictionary codes, one per facet name (`practitioner` holds the document's
 * `practitionerSlug`, `norwood` its stage as text, the way Meilisearch reports facet values).
 */
export const codedFields = ['treatment', 'country', 'city', 'stage', 'fitzpatrick', 'evidence', 'ludwig', 'norwood', 'scarType', 'practitioner'] as const;
export type CodedField = (typeof codedFields)[number];

/** Distinct values of one field; codes are never reused, so a code means one value forever. */
export class ValueDictionary {
  readonly codes = new Map<string, number>();
  /** Display value of each code (the first spelling seen), as facets report it. */
  readonly values: string[] = [];

  /** Code of a value, adding it when new. Codes start at 1: 0 means "no value" in a column. */
  code(value: string): number {
    const key = facetKey(value);
    let code = this.codes.get(key);
    if (code === undefined) {
      this.values.push(value);
      code = this.values.length;
      this.codes.set(key, code);
    }
    return code;
  }

  /** Code of a value if any document ever had it (case-insensitive, like Meilisearch filters). */
  find(value: string): number | undefined {
    return this.codes.get(facetKey(value));
  }
}

/** A document's value of a coded field, as text. */
function codedValue(doc: CaseDocument, field: CodedField): string | undefined {
  if (field === 'practitioner') return doc.practitionerSlug;
  if (field === 'norwood') return doc.norwood === undefined ? undefined : String(doc.norwood);
  return doc[field];
}

const grow = <T extends Float64Array | Uint32Array | Uint8Array>(array: T, size: number): T => {
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
};

/** The column store. Slots of removed documents are reused by the next insert. */
export class CaseColumns {
  /** Document per slot; `undefined` for a free slot. */
  docs: (CaseDocument | undefined)[] = [];
  readonly slotOf = new Map<string, number>();
  readonly dictionaries = Object.fromEntries(codedFields.map((f) => [f, new ValueDictionary()])) as Record<CodedField, ValueDictionary>;
  coded = Object.fromEntries(codedFields.map((f) => [f, new Uint32Array(0)])) as Record<CodedField, Uint32Array>;
  healed = new Uint8Array(0);
  confirmed = new Uint8Array(0);
  lat = new Float64Array(0);
  lng = new Float64Array(0);
  publishedAt = new Float64Array(0);
  daysHealed = new Float64Array(0);
  private free: number[] = [];

  /** Number of live documents. */
  get size(): number {
    return this.slotOf.size;
  }

  /** Number of slots (live or free); every column is at least this long. */
  get slots(): number {
    return this.docs.length;
  }

  /** Stores a document (replacing one with the same id); returns its slot and what it replaced. */
  put(doc: CaseDocument): { slot: number; previous?: CaseDocument } {
    let slot = this.slotOf.get(doc.id);
    const previous = slot === undefined ? undefined : this.docs[slot];
    if (slot === undefined) {
      slot = this.free.pop() ?? this.docs.length;
      if (slot === this.docs.length) this.docs.push(undefined);
      this.ensureCapacity(this.docs.length);
      this.slotOf.set(doc.id, slot);
    }
    this.docs[slot] = doc;
    for (const field of codedFields) {
      const value = codedValue(doc, field);
      this.coded[field][slot] = value === undefined ? 0 : this.dictionaries[field].code(value);
    }
    this.healed[slot] = doc.verifiedHealed ? 1 : 0;
    this.confirmed[slot] = doc.clientConfirmed ? 1 : 0;
    this.lat[slot] = doc._geo.lat;
    this.lng[slot] = doc._geo.lng;
    this.publishedAt[slot] = doc.publishedAt;
    this.daysHealed[slot] = doc.daysHealed;
    return { slot, previous };
  }

  /** Removes a document by id; returns its slot and the document, if it was there. */
  delete(id: string): { slot: number; doc: CaseDocument } | undefined {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return undefined;
    const doc = this.docs[slot]!;
    this.slotOf.delete(id);
    this.docs[slot] = undefined;
    this.free.push(slot);
    return { slot, doc };
  }

  private ensureCapacity(needed: number): void {
    if (this.lat.length >= needed) return;
    const size = Math.max(1024, needed, this.lat.length * 2);
    for (const field of codedFields) this.coded[field] = grow(this.coded[field], size);
    this.healed = grow(this.healed, size);
    this.confirmed = grow(this.confirmed, size);
    this.lat = grow(this.lat, size);
    this.lng = grow(this.lng, size);
    this.publishedAt = grow(this.publishedAt, size);
    this.daysHealed = grow(this.daysHealed, size);
  }
}
