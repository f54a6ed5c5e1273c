// The files of a parallel scan as discovery finds them: a list that grows until it is closed.
// Every thread holds its own copy, fed the same files in the same order, so an index means the
// same file everywhere; the threads share only a counter from which each claims the next chunk.
// A claim may run ahead of the list while the walk is still going: it then waits for the list.

export interface FileTask {
  abs: string;
  rel: string;
}

export class FileFeed {
  readonly files: FileTask[] = [];
  private closed = false;
  private waiting: Array<() => void> = [];

  push(files: readonly FileTask[]): void {
    for (const file of files) this.files.push(file);
    this.wake();
  }

  /** No more files will come. */
  close(): void {
    this.closed = true;
    this.wake();
  }

  /** Resolves once the list holds `count` files, or holds all it ever will. */
  async reach(count: number): Promise<void> {
    while (this.files.length < count && !this.closed) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}

/**
 * Claims the next `size` indexes off `counter[0]` (shared by every thread) and waits until the
 * feed has them. Returns the claimed range of `feed.files` that exists; an empty one means the
 * feed is closed and every file has been claimed.
 */
export async function claim(feed: FileFeed, counter: Int32Array, size: number): Promise<{ first: number; end: number }> {
  const first = Atomics.add(counter, 0, size);
  await feed.reach(first + size);
  return { first, end: Math.max(first, Math.min(first + size, feed.files.length)) };
}
