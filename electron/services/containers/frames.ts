import type { LogLine } from '@shared/dto/containers';

import { FrameParser, type StreamName } from '../docker/frames';
import { LineSplitter } from '../docker/lines';

/** Turns byte chunks of one stream into log lines; a line longer than the bound is cut, not held forever. */
export class LineAssembler {
  private readonly lines: LineSplitter;

  constructor(
    private readonly stream: StreamName,
    private readonly timestamps: boolean,
    maxLineLength = 16 * 1024,
  ) {
    this.lines = new LineSplitter(maxLineLength, 'text');
  }

  push(chunk: Buffer): LogLine[] {
    return this.lines.push(chunk).map((line) => toLogLine(this.stream, line, this.timestamps));
  }

  flush(): LogLine[] {
    return this.lines.flush().map((line) => toLogLine(this.stream, line, this.timestamps));
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
