/** Line starts of a text, for turning UTF-16 offsets into 1-based lines and 0-based columns. */
export class LineIndex {
  readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    const pattern = /\r\n|[\r\n]/gu;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      starts.push(match.index + match[0].length);
    }
    this.starts = starts;
  }

  /** 1-based line and 0-based column of an offset (ESTree convention). */
  position(offset: number): { line: number; column: number } {
    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! };
  }

  /** Offset of a 1-based line's first character. */
  lineStart(line: number): number {
    return this.starts[Math.min(Math.max(line - 1, 0), this.starts.length - 1)]!;
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
