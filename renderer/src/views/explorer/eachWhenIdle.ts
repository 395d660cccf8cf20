/**
 * Calls `fn` on each item while the browser is idle, as many as fit in each idle period (one
 * starts only with time left, so a click never waits behind a long one); returns a cancel.
 */
export function eachWhenIdle<T>(items: readonly T[], fn: (item: T) => void): () => void {
  let next = 0;
  let handle = 0;
  const step = (deadline: IdleDeadline) => {
    while (next < items.length && (deadline.didTimeout || deadline.timeRemaining() > 10)) {
      fn(items[next++]!);
    }
    if (next < items.length) handle = requestIdleCallback(step);
  };
  if (items.length) handle = requestIdleCallback(step);
  return () => cancelIdleCallback(handle);
}
