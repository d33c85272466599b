import { formatBytes } from '../../renderer/format';

export const format = formatBytes;
