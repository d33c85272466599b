import { StringDecoder } from 'node:string_decoder';

/**
 * Splits a byte stream into lines, decoding UTF-8 across chunk borders (a character split between
 * two chunks stays whole). No line is buffered without end:
 * - 'messages' (the engine's JSON lines): lines trimmed, empty ones skipped, a line longer than the
 *   bound dropped whole;
 * - 'text' (logs): lines as written (without the line break), a line longer than the bound passed
 *   on in pieces.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  /** The rest of a dropped line is still to come: the next line break ends it. */
  private dropping = false;

  constructor(
    private readonly maxLineLength: number,
    private readonly kind: 'messages' | 'text' = 'messages',
  ) {}

  push(chunk: Buffer | string): string[] {
    const parts = (this.partial + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk))).split('\n');
    this.partial = parts.pop() ?? '';
    if (this.dropping && parts.length > 0) {
      parts.shift();
      this.dropping = false;
    }
    const lines = parts.map((part) => part.replace(/\r$/, ''));
    if (this.partial.length > this.maxLineLength) {
      if (this.kind === 'text') lines.push(this.partial);
      else this.dropping = true;
      this.partial = '';
    }
    return this.shape(lines);
  }

  /** What is left at the end of the stream: a last line without a line break. */
  flush(): string[] {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    const dropped = this.dropping;
    this.dropping = false;
    return rest && !dropped ? this.shape([rest]) : [];
  }

  private shape(lines: string[]): string[] {
    if (this.kind === 'text') return lines;
    return lines.map((line) => line.trim()).filter((line) => line !== '');
  }
}
