/** Both copy directions (`docker cp`) carry at most this much (base64 of it): one message, no session state. */
export const ARCHIVE_LIMIT_BYTES = 32 * 1024 * 1024;

/** A container as the engine lists (`Names`) or inspects (`Name`) it. */
interface NamedContainer {
  readonly Id: string;
  readonly Names?: readonly string[] | undefined;
  readonly Name?: string | undefined;
}

/** The name a container is shown by: its first name without the engine's leading slash, or its short id. */
export function containerDisplayName(container: NamedContainer): string {
  const name = container.Names?.[0] ?? container.Name;
  return name ? name.replace(/^\//, '') : container.Id.slice(0, 12);
}
