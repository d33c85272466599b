/** Which output of a container a frame carries. */
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

/** The text of a whole multiplexed answer (logs read to their end), stdout and stderr in the order written, up to `limit` bytes. */
export function demux(buffer: Buffer, limit = Infinity): string {
  const payload = Buffer.concat(new FrameParser().push(buffer).map((frame) => frame.payload));
  return payload.subarray(0, limit).toString('utf8');
}
