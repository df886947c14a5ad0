/**
 * The slots holding one term, and for each slot which fields hold it (one bit per searchable
 * field), in two growable typed arrays: 4 M postings cost ~20 MB and scan at memory speed.
 * Order is insertion order; nothing depends on it.
 */
export class Postings {
  slots = new Int32Array(4);
  fields = new Uint8Array(4);
  length = 0;

  /** Adds a slot (callers add each slot at most once per term). */
  push(slot: number, fieldMask: number): void {
    if (this.length === this.slots.length) {
      const slots = new Int32Array(this.length * 2);
      slots.set(this.slots);
      const fields = new Uint8Array(this.length * 2);
      fields.set(this.fields);
      this.slots = slots;
      this.fields = fields;
    }
    this.slots[this.length] = slot;
    this.fields[this.length] = fieldMask;
    this.length++;
  }

  /** Drops the growth slack (up to half the arrays) once a bulk build is done. */
  compact(): void {
    if (this.slots.length === this.length) return;
    this.slots = this.slots.slice(0, Math.max(1, this.length));
    this.fields = this.fields.slice(0, Math.max(1, this.length));
  }

  /** Removes a slot: the last posting moves into its place (a native search, no reallocation). */
  delete(slot: number): void {
    const at = this.slots.subarray(0, this.length).indexOf(slot);
    if (at < 0) return;
    this.length--;
    this.slots[at] = this.slots[this.length]!;
    this.fields[at] = this.fields[this.length]!;
  }
}
