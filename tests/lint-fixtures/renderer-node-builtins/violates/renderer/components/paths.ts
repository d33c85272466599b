import { join } from 'path/posix';

export const joined = join('a', 'b');
