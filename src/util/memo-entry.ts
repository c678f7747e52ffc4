import { computedOnce } from "./computed-once.js";

/**
 * The state a generator or reader keeps in a conversation's memo under `key`, made by `create` on
 * the first call (and not kept at all when there is no memo: a call outside a conversation).
 */
export function memoEntry<T>(memo: Map<string, unknown> | undefined, key: string, create: () => T): T {
  return memo ? (computedOnce(memo, key, create) as T) : create();
}
