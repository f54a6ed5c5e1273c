// A progress bar on stderr for long scans, only on a terminal and never with --quiet.
import type { SingleBar } from 'cli-progress';

const MIN_FILES = 500;

export async function progressReporter(quiet: boolean): Promise<{ onProgress?: (done: number, total: number) => void; stop: () => void }> {
  if (quiet || !process.stderr.isTTY) return { stop: () => {} };
  const { default: progress } = await import('cli-progress');
  let bar: SingleBar | undefined;
  return {
    onProgress(done, total) {
      if (total < MIN_FILES) return;
      bar ??= new progress.SingleBar(
        { stream: process.stderr, format: 'scanning {bar} {value}/{total} files', clearOnComplete: true, hideCursor: true },
        progress.Presets.shades_classic,
      );
      if (done === 1 || !bar.isActive) bar.start(total, done);
      else bar.update(done);
    },
    stop: () => bar?.stop(),
  };
}
