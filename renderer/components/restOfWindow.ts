import { type RefObject, useLayoutEffect, useState } from 'react';

/**
 * The height from where an element starts down to the status bar, less `below` pixels kept for
 * what follows it, and never under `min`: a list or graph fills the window without reaching under
 * the status bar. Measured when the element first shows (and when `measureAgain` changes).
 */
export function useRestOfWindow(ref: RefObject<HTMLElement | null>, below = 0, min = 240, measureAgain?: unknown): string {
  const [top, setTop] = useState<number | undefined>(undefined);
  useLayoutEffect(() => {
    if (ref.current) setTop(ref.current.getBoundingClientRect().top + window.scrollY);
  }, [ref, measureAgain]);
  if (top === undefined) return `${min}px`;
  return `max(${min}px, calc(100dvh - ${Math.round(top + below)}px - var(--lotse-shell-footer, 0px)))`;
}
