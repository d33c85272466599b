import type { ServerResponse } from 'node:http';

export const ended = (response: ServerResponse): boolean => response.writableEnded;
