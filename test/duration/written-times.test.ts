import { describe, expect, it } from 'vitest';
import { writtenTimes } from '../../src/duration/written-times.js';

const ms = (text: string) => writtenTimes(text).map((time) => time.ms);

describe('writtenTimes', () => {
  it('reads each unit, in order', () => {
    expect(ms('# wait 50 ms, then 2 seconds, then 1 min')).toEqual([50, 2000, 60_000]);
    expect(ms('(250ms) 3s 4 secs 5 sec 6 msec 7 milliseconds 2 minutes')).toEqual([250, 3000, 4000, 5000, 6, 7, 120_000]);
  });

  it('takes decimals and underscores whole', () => {
    expect(ms('# 36.5 sec')).toEqual([36_500]);
    expect(ms('# 1.5 s, not 5 s')).toEqual([1500, 5000]);
    expect(ms('after 10_000 ms')).toEqual([10_000]);
  });

  it('leaves numbers that are part of a name or a version', () => {
    expect(ms('node n2 s, v1.5 s, x10s')).toEqual([]);
  });

  it('says where each time starts and how it was written', () => {
    expect(writtenTimes('at 19 sec here')).toEqual([{ ms: 19_000, index: 3, text: '19 sec' }]);
  });
});
