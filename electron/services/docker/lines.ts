/** Splits a byte stream into lines; a line longer than the bound is dropped, not buffered forever. */
export class LineSplitter {
  private buffer = '';
  private overflow = false;

  constructor(private readonly maxLineLength: number) {}

  push(chunk: Buffer | string): string[] {
    this.buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    const parts = this.buffer.split('\n');
    this.buffer = parts.pop() ?? '';
    if (this.buffer.length > this.maxLineLength) {
      this.buffer = '';
      this.overflow = true;
    }
    const lines: string[] = [];
    for (const part of parts) {
      if (this.overflow) {
        this.overflow = false;
        continue;
      }
      const line = part.trim();
      if (line) lines.push(line);
    }
    return lines;
  }
}
