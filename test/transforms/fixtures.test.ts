// Every transform has input/output fixture pairs under fixtures/transforms/<fix>/: its basic case
// <fix>.input.exs / <fix>.output.exs, and <fix>.<case>.input.exs / .output.exs for the others. A
// case with no .output.exs is a bail-out: the transform must leave the input unchanged. Every output must parse,
// differ from its input (else it should be a bail-out case), and be a fixed point.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseElixir } from '../../src/parse/parser.js';
import { TRANSFORMS } from '../../transforms/index.js';
import type { FixKind } from '../../src/vocabulary.js';
import { transformSource } from '../helpers/transform-fixture.js';

const ROOT = join(import.meta.dirname, '../../fixtures/transforms');
const MIN_CASES = 6;

for (const fix of Object.keys(TRANSFORMS) as FixKind[]) {
  describe(`transform ${fix}`, () => {
    const dir = join(ROOT, fix);
    const inputs = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.input.exs')).sort() : [];

    it(`has at least ${MIN_CASES} fixture pairs named after it, bail-outs included`, () => {
      expect(inputs.length).toBeGreaterThanOrEqual(MIN_CASES);
      expect(inputs.filter((f) => !f.startsWith(`${fix}.`))).toEqual([]);
      expect(existsSync(join(dir, `${fix}.output.exs`)), `the basic pair ${fix}.input.exs / ${fix}.output.exs`).toBe(true);
      expect(existsSync(join(import.meta.dirname, `../../transforms/${fix}.ts`))).toBe(true);
      expect(inputs.some((f) => !existsSync(join(dir, f.replace('.input.exs', '.output.exs'))))).toBe(true);
    });

    for (const input of inputs) {
      const name = input.replace('.input.exs', '');
      it(name, async () => {
        const source = readFileSync(join(dir, input), 'utf8');
        const outputPath = join(dir, `${name}.output.exs`);
        const expected = existsSync(outputPath) ? readFileSync(outputPath, 'utf8') : source;
        const { output } = await transformSource(source, fix);
        expect(output).toBe(expected);
        if (expected !== source) {
          expect(parseElixir(output).rootNode.hasError).toBe(false);
          const again = await transformSource(output, fix);
          expect(again.output).toBe(output);
        }
      });
    }
  });
}
