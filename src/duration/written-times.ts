// Times written in prose, as comments give them: "5 sec", "36.5 sec", "(50 ms)", "2 minutes".

/** A number and a unit; not part of a longer number or name (`v1.5 s`, `n2`), decimals taken whole. */
const WRITTEN_TIME = /(?<![\w.])(\d[\d_]*(?:\.\d+)?)\s*(ms|msecs?|milliseconds?|s|secs?|seconds?|mins?|minutes?)\b/gi;

/** A time as written (`text`), in milliseconds, and where it starts. */
export interface WrittenTime {
  ms: number;
  index: number;
  text: string;
}

/** Each time `text` writes out, in order. */
export function writtenTimes(text: string): WrittenTime[] {
  const times: WrittenTime[] = [];
  for (const match of text.matchAll(WRITTEN_TIME)) {
    const unit = match[2]!.toLowerCase();
    const scale = unit.startsWith('ms') || unit.startsWith('milli') ? 1 : unit.startsWith('m') ? 60_000 : 1000;
    times.push({ ms: Number(match[1]!.replace(/_/g, '')) * scale, index: match.index!, text: match[0] });
  }
  return times;
}
