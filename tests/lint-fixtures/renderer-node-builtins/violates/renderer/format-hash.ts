import { createHash } from 'crypto';

export const hash = (text: string): string => createHash('sha256').update(text).digest('hex');
