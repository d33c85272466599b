import { StringDecoder } from 'node:string_decoder';

import type { LogLine } from '@shared/dto/containers';

export type StreamName = 'stdout' | 'stderr';

/**
 * Splits the engine's multiplexed stream (containers without a TTY): 8-byte headers
 * [stream, 0, 0, 0, size (big-endian uint32)] followed by size bytes. Frames may arrive split.
 */
export class FrameParser {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): { stream: StreamName; payload: Buffer }[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const frames: { stream: StreamName; payload: Buffer }[] = [];
    let offset = 0;
    while (this.pending.length - offset >= 8) {
      const type = this.pending[offset] ?? 1;
      const size = this.pending.readUInt32BE(offset + 4);
      if (this.pending.length - offset - 8 < size) break;
      const payload = this.pending.subarray(offset + 8, offset + 8 + size);
      // 0 is stdin (echoed back on attach), 1 stdout, 2 stderr.
      frames.push({ stream: type === 2 ? 'stderr' : 'stdout', payload });
      offset += 8 + size;
    }
    this.pending = this.pending.subarray(offset);
    return frames;
  }
}

/** Turns byte chunks of one stream into lines; a line longer than the bound is cut, not held forever. */
export class LineAssembler {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  constructor(
    private readonly stream: StreamName,
    private readonly timestamps: boolean,
    private readonly maxLineLength = 16 * 1024,
  ) {}

  push(chunk: Buffer): LogLine[] {
    const text = this.partial + this.decoder.write(chunk);
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    if (this.partial.length > this.maxLineLength) {
      parts.push(this.partial);
      this.partial = '';
    }
    return parts.map((part) => toLogLine(this.stream, part.replace(/\r$/, ''), this.timestamps));
  }

  flush(): LogLine[] {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    return rest ? [toLogLine(this.stream, rest, this.timestamps)] : [];
  }
}

/** With timestamps on, the engine prefixes each line with RFC 3339 (nanoseconds) and a space. */
export function toLogLine(stream: StreamName, raw: string, timestamps: boolean): LogLine {
  if (!timestamps) return { stream, text: raw };
  const space = raw.indexOf(' ');
  const stamp = space > 0 ? raw.slice(0, space) : raw;
  const time = Date.parse(stamp);
  if (Number.isNaN(time)) return { stream, text: raw };
  return { stream, text: space > 0 ? raw.slice(space + 1) : '', time, timestamp: stamp };
}

/** Decodes a whole log stream either way: multiplexed frames, or raw bytes when the container has a TTY. */
export class LogDecoder {
  private readonly frames = new FrameParser();
  private readonly out: LineAssembler;
  private readonly err: LineAssembler;

  constructor(
    private readonly tty: boolean,
    timestamps: boolean,
  ) {
    this.out = new LineAssembler('stdout', timestamps);
    this.err = new LineAssembler('stderr', timestamps);
  }

  push(chunk: Buffer): LogLine[] {
    if (this.tty) return this.out.push(chunk);
    const lines: LogLine[] = [];
    for (const frame of this.frames.push(chunk)) lines.push(...(frame.stream === 'stderr' ? this.err : this.out).push(frame.payload));
    return lines;
  }

  flush(): LogLine[] {
    return [...this.out.flush(), ...this.err.flush()];
  }
}
