// `sleepless scan | head`: once the reader is gone, every write fails with EPIPE, which Node
// raises as an uncaught error (a stack trace, exit 1). The rest of the output is dropped instead,
// and the run ends as it would have, with its own exit code.
export function dropOutputOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stream.write = (() => true) as typeof stream.write;
  });
}
