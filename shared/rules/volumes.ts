/** The label the engine (API 1.42+) puts on volumes it creates for `-v /path` without a name. */
export const ANONYMOUS_VOLUME_LABEL = 'com.docker.volume.anonymous';

/** Anonymous: labelled so by the engine, or (older engines) named by a 64-hex id. */
export function isAnonymousVolume(volume: { name: string; labels: Readonly<Record<string, string>> }): boolean {
  return Object.hasOwn(volume.labels, ANONYMOUS_VOLUME_LABEL) || /^[0-9a-f]{64}$/.test(volume.name);
}
