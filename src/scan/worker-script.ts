// The script a scan worker thread starts. The CLI's launcher (bin/sleepless.js) names
// bin/scan-worker.js here, which runs scan/worker.ts from the same bundle. When the engine is
// imported directly (vitest runs the TypeScript sources) nothing is named and scans stay on one thread.
let script: string | undefined;

export function useWorkerScript(file: string): void {
  script = file;
}

export function workerScript(): string | undefined {
  return script;
}
