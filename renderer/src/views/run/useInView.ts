import { useCallback, useState } from 'react';

/**
 * A ref callback and whether the element has come within `margin` of the viewport; once seen it
 * stays seen (a chart scrolled past keeps its points rather than asking again).
 */
export function useSeenOnce<T extends Element>(
  margin = '300px',
): [(el: T | null) => void, boolean] {
  const [seen, setSeen] = useState(false);
  const ref = useCallback(
    (el: T | null) => {
      if (!el || seen) return;
      const observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            setSeen(true);
            observer.disconnect();
          }
        },
        { rootMargin: margin },
      );
      observer.observe(el);
      return () => observer.disconnect();
    },
    [seen, margin],
  );
  return [ref, seen];
}
