// callArguments (src/parse/nodes.ts) is asked of the same calls by every rule and every site of a
// test, so its answer is remembered on the call's node and shared: one read-only array.
import { describe, expect, it } from 'vitest';
import { parseElixir, type SyntaxNode } from '../../src/parse/parser.js';
import { argumentsAsRun, callArguments } from '../../src/parse/nodes.js';

function calls(source: string): SyntaxNode[] {
  return parseElixir(source).rootNode.descendantsOfType('call');
}

describe('callArguments', () => {
  it('gives the arguments, comments left out and a keyword list as one, and none for a bare call', () => {
    const [send, bare] = calls('send(pid, # to the server\n  {:tick, 1}, noconnect: true)\nflush()\n');
    expect(callArguments(send!).map((a) => a.text)).toEqual(['pid', '{:tick, 1}', 'noconnect: true']);
    expect(callArguments(bare!)).toEqual([]);
  });

  it('answers the same array each time it is asked of a call, and another for another call', () => {
    const [first, second] = calls('GenServer.cast(pid, :a)\nGenServer.cast(pid, :b)\n');
    expect(callArguments(first!)).toBe(callArguments(first!));
    expect(callArguments(second!)).not.toBe(callArguments(first!));
    expect(callArguments(second!)[1]!.text).toBe(':b');
  });

  it('puts the piped value first as the call runs, leaving the remembered arguments as they were', () => {
    const call = calls('msg |> GenServer.cast(pid)\n').find((c) => c.text.startsWith('GenServer.cast'))!;
    expect(argumentsAsRun(call).map((a) => a.text)).toEqual(['msg', 'pid']);
    expect(callArguments(call).map((a) => a.text)).toEqual(['pid']);
  });
});
