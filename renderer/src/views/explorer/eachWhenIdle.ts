/**
 * Calls `fn` on each item while the browser is idle, one item per idle callback (one starts only
 * with time left, and a click or a server's answer that arrives meanwhile waits behind one item at
 * most, not a run of them); returns a cancel.
 */
export function eachWhenIdle<T>(items: readonly T[], fn: (item: T) => void): () => void {
  let next = 0;
  let handle = 0;
  const step = (deadline: IdleDeadline) => {
    if (deadline.didTimeout || deadline.timeRemaining() > 10) fn(items[next++]!);
    if (next < items.length) handle = requestIdleCallback(step);
  };
  if (items.length) handle = requestIdleCallback(step);
  return () => cancelIdleCallback(handle);
}
