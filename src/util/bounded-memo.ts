/**
 * A pure function's results for the keys asked about most recently, at most `capacity` of them: a
 * run-level cache whose memory does not grow with the run (when full, the key kept longest leaves
 * first). Only for functions whose results callers never change, so a result never depends on what
 * was asked before.
 */
export class BoundedMemo<K, V> {
  private readonly kept = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  /** `compute(key)`, computed once while the key is kept. */
  get(key: K, compute: (key: K) => V): V {
    let value = this.kept.get(key);
    if (value === undefined) {
      value = compute(key);
      if (this.kept.size >= this.capacity) this.kept.delete(this.kept.keys().next().value as K);
      this.kept.set(key, value);
    }
    return value;
  }
}
