import { create } from 'zustand';

/**
 * Whether the window has settled: its first picture is drawn and the browser has been idle since.
 * What the first picture does not need (the tooltips' positioning, the theme menu, the command
 * palette's code) is set up then, off the path to the dashboard's numbers.
 */
export const useSettled = create<{ settled: boolean }>(() => ({ settled: false }));

export const settleNow = (): void => useSettled.setState({ settled: true });

/** Called once the first picture is committed; returns the disposer. */
export function settleWhenIdle(): () => void {
  const idle = requestIdleCallback(settleNow, { timeout: 2000 });
  return () => cancelIdleCallback(idle);
}
