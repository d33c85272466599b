/** Task errors in words: the swarm's messages a learner meets, each with its text in swarm:taskErrors. */
const TASK_ERRORS: [string, RegExp][] = [
  ['noSuitableNode', /no suitable node/i],
  ['noSuchImage', /no such image|pull access denied|manifest unknown|repository does not exist/i],
  ['portInUse', /port .* already in use|address already in use|port is already allocated/i],
  ['nonZeroExit', /task: non-zero exit/i],
  ['startFailed', /starting container failed|OCI runtime|executable file not found/i],
  ['mountFailed', /invalid mount config|bind source path does not exist/i],
];

/** The key of a task error's explanation, or undefined when it is none of the known ones. */
export function taskErrorKey(err: string): string | undefined {
  return err ? TASK_ERRORS.find(([, pattern]) => pattern.test(err))?.[0] : undefined;
}

/** One colour per service, the same every time it is drawn. */
const PALETTE = ['blue', 'teal', 'grape', 'orange', 'cyan', 'pink', 'lime', 'indigo', 'violet', 'yellow'];
export function serviceColor(serviceId: string): string {
  let hash = 0;
  for (const c of serviceId) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? 'blue';
}

const STATE_COLOR: Record<string, string> = {
  running: 'teal',
  complete: 'gray',
  shutdown: 'gray',
  failed: 'red',
  rejected: 'red',
  orphaned: 'orange',
  pending: 'yellow',
};
export function taskStateColor(state: string): string {
  return STATE_COLOR[state] ?? 'blue';
}
