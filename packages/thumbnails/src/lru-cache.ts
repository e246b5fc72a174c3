/**
 * A least-recently-used map bounded by total size and entry count. Setting or
 * reading an entry makes it the most recent; going over a bound evicts the least
 * recent ones (`onEvict` releases them) but never the entry just set.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; size: number }>();
  private totalSize = 0;

  constructor(
    private readonly maxSize: number,
    private readonly maxEntries: number,
    private readonly onEvict: (value: V, key: K) => void = () => undefined,
  ) {}

  get size(): number {
    return this.totalSize;
  }

  get count(): number {
    return this.entries.size;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V, size: number): void {
    this.delete(key);
    this.entries.set(key, { value, size });
    this.totalSize += size;
    while ((this.totalSize > this.maxSize || this.entries.size > this.maxEntries) && this.entries.size > 1) {
      const oldest = this.entries.keys().next().value as K;
      this.delete(oldest);
    }
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalSize -= entry.size;
    this.onEvict(entry.value, key);
  }

  clear(): void {
    const keys: K[] = [];
    this.entries.forEach((_, key) => keys.push(key));
    for (let i = 0; i < keys.length; i++) this.delete(keys[i]!);
  }
}
