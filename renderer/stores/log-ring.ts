import type { LogLine } from '@shared/dto/containers';

/** A fixed-size ring of log lines: push is O(lines), reading gives the lines oldest first. */
export class LogRing {
  private readonly buffer: (LogLine | undefined)[];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.buffer = new Array<LogLine | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds lines; returns how many old lines fell out. */
  push(lines: LogLine[]): number {
    let evicted = 0;
    for (const line of lines.length > this.capacity ? lines.slice(-this.capacity) : lines) {
      this.buffer[(this.start + this.count) % this.capacity] = line;
      if (this.count < this.capacity) this.count++;
      else {
        this.start = (this.start + 1) % this.capacity;
        evicted++;
      }
    }
    return evicted + Math.max(0, lines.length - this.capacity);
  }

  at(index: number): LogLine | undefined {
    return index < this.count ? this.buffer[(this.start + index) % this.capacity] : undefined;
  }

  toArray(): LogLine[] {
    return Array.from({ length: this.count }, (_, i) => this.at(i) as LogLine);
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
  }
}
