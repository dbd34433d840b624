/** Small helpers for the maps of lists the project model and reporters build. */

/** Appends `value` to the list under `key`, starting the list when there is none (no copy). */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
