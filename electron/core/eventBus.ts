import type { ApiEvent } from '../../shared/api.js';

export type Listener = (event: ApiEvent) => void;

/** Fan-out of API events to every transport (IPC windows, SSE clients, the CLI). */
export function createEventBus() {
  const listeners = new Set<Listener>();
  return {
    emit(event: ApiEvent): void {
      for (const l of listeners) l(event);
    },
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get size() {
      return listeners.size;
    },
  };
}
export type EventBus = ReturnType<typeof createEventBus>;
