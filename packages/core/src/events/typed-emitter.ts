/**
 * A small typed event emitter: one event map per emitter, payloads typed.
 * A throwing listener never breaks the emitter or other listeners.
 */
export type Listener<T> = (payload: T) => void;

export class TypedEmitter<Events extends object> {
  private readonly listeners: { [K in keyof Events]?: Array<Listener<Events[K]>> } = {};
  private readonly onListenerError: (error: unknown) => void;

  constructor(onListenerError?: (error: unknown) => void) {
    this.onListenerError = onListenerError ?? ((error) => setTimeout(() => { throw error; }, 0));
  }

  on<K extends keyof Events>(type: K, listener: Listener<Events[K]>): () => void {
    const list = this.listeners[type] ?? (this.listeners[type] = []);
    list.push(listener);
    return () => this.off(type, listener);
  }

  once<K extends keyof Events>(type: K, listener: Listener<Events[K]>): () => void {
    const off = this.on(type, (payload) => {
      off();
      listener(payload);
    });
    return off;
  }

  off<K extends keyof Events>(type: K, listener: Listener<Events[K]>): void {
    const list = this.listeners[type];
    if (!list) return;
    const index = list.indexOf(listener);
    if (index >= 0) list.splice(index, 1);
  }

  emit<K extends keyof Events>(type: K, payload: Events[K]): void {
    const list = this.listeners[type];
    if (!list || list.length === 0) return;
    for (const listener of list.slice()) {
      try {
        listener(payload);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  removeAllListeners(): void {
    for (const key in this.listeners) delete this.listeners[key];
  }
}
