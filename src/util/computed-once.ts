/** `map`'s value for `key`, computed by `compute` and kept there the first time it is asked for. */
export function computedOnce<K, V>(map: Map<K, V>, key: K, compute: (key: K) => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = compute(key);
    map.set(key, value);
  }
  return value;
}
