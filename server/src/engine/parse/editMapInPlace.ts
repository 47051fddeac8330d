import { splice } from 'micromark-util-chunked';
import { EditMap } from 'micromark-util-edit-map';

type Events = Parameters<EditMap['consume']>[0];
type Change = [number, number, Events];

/** micromark-util-edit-map 1.0.0's own `consume`, kept for the test that compares both. */
export const originalConsume = EditMap.prototype.consume;

/**
 * micromark applies its edit maps with `EditMap.consume`, which (in micromark-util-edit-map 1.0.0) copies
 * the whole event list on every call: the document tokenizer calls it each time a container closes, so a
 * long policy with many lists costs the square of its length. This applies the same edits in place, from
 * the last to the first, so each costs only the events after it. The result is the same event list: an
 * edit's removal never reaches past the next edit, as in the original (test/engine/markdown.test.ts checks
 * the trees are identical).
 */
export function consumeInPlace(this: EditMap, events: Events): undefined {
  const map = (this as unknown as { map: Change[] }).map;
  map.sort((a, b) => a[0] - b[0]);
  if (map.length === 0) return undefined;
  let limit = events.length;
  for (let index = map.length - 1; index >= 0; index--) {
    const [at, remove, add] = map[index];
    splice(events, at, Math.max(0, Math.min(remove, limit - at)), add);
    limit = at;
  }
  map.length = 0;
  (this as unknown as { index: Map<number, Change> }).index.clear();
  return undefined;
}

let installed = false;

/** Installs the in-place `consume` once per process (micromark's EditMap is one shared module). */
export function useInPlaceEditMap(): void {
  if (installed) return;
  EditMap.prototype.consume = consumeInPlace;
  installed = true;
}
