/** What {@link computedOnce} keeps its values in: a `Map`, or a `WeakMap` for object keys. */
export interface ValueTable<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** `table`'s value for `key`, computed by `compute` and kept there the first time it is asked for. */
export function computedOnce<K, V>(table: ValueTable<K, V>, key: K, compute: (key: K) => V): V {
  let value = table.get(key);
  if (value === undefined) {
    value = compute(key);
    table.set(key, value);
  }
  return value;
}
