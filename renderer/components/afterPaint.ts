/**
 * Runs `run` once the next frame is painted: a frame's own callback still runs before that frame is
 * painted, the task queued from it runs after. For work the first picture must not wait for (the disk
 * usage, the concept texts). Returns the disposer.
 */
export function afterNextPaint(run: () => void): () => void {
  let task: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    task = setTimeout(run, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(task);
  };
}
