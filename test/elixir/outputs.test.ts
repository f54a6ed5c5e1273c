// Proof with the real Elixir toolchain (Debian: `apt-get install -y elixir`):
// - every transform output fixture parses (Code.string_to_quoted!);
// - the output of every input that compiles still compiles (no variable left unbound, no helper
//   called without its import), with remote modules the fixtures only mention left unchecked;
// - the output of every input that is `mix format`-clean is still `mix format`-clean;
// - the helpers module `sleepless init` writes compiles, and its own ExUnit tests pass.
// Without `elixir` on the PATH the suite is skipped locally, and fails in CI.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { initProject } from '../../src/helpers/init.js';
import { describeWithElixir } from '../helpers/elixir.js';

const HERE = import.meta.dirname;
const FIXTURES = join(HERE, '../../fixtures/transforms');

describeWithElixir('transform outputs, checked by the Elixir compiler', () => {
    interface Pair {
      name: string;
      input: string;
      output: string | null;
    }
    const pairs: Pair[] = readdirSync(FIXTURES)
      .sort()
      .flatMap((fix) =>
        readdirSync(join(FIXTURES, fix))
          .filter((f) => f.endsWith('.input.exs'))
          .sort()
          .map((f) => {
            const output = join(FIXTURES, fix, f.replace('.input.exs', '.output.exs'));
            return { name: `${fix}/${f.replace('.input.exs', '')}`, input: join(FIXTURES, fix, f), output: existsSync(output) ? output : null };
          }),
      );
    const checks = new Map<string, { parses: string; formatted: boolean; compiles: string }>();

    beforeAll(() => {
      // One VM for every file: starting Elixir costs more than checking a file.
      const files = pairs.flatMap((p) => (p.output ? [p.input, p.output] : [p.input]));
      const run = spawnSync('elixir', [join(HERE, 'check-sources.exs'), ...files], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`check-sources.exs failed:\n${run.stderr}`);
      for (const line of run.stdout.trim().split('\n')) {
        const [path, parses, formatted, compiles] = line.split('\t');
        checks.set(path!, { parses: parses!, formatted: formatted === 'formatted', compiles: compiles! });
      }
    });

    it('has fixture pairs to check, nearly all of whose inputs compile', () => {
      expect(pairs.filter((p) => p.output).length).toBeGreaterThanOrEqual(30);
      expect(pairs.filter((p) => checks.get(p.input)?.compiles === 'compiles').length).toBeGreaterThanOrEqual(pairs.length - 3);
    });

    for (const pair of pairs) {
      if (!pair.output) continue;
      it(pair.name, () => {
        const input = checks.get(pair.input)!;
        const output = checks.get(pair.output!)!;
        expect(output.parses).toBe('parses');
        // Inputs that name structs no fixture defines do not compile, and neither can their outputs.
        if (input.compiles === 'compiles') expect(output.compiles, pair.output!).toBe('compiles');
        // Inputs about something else (a trailing comment mix format would move) are exempt.
        if (input.formatted) expect(output.formatted, `${pair.output} is no longer mix format-clean`).toBe(true);
      });
    }
  });

describeWithElixir('the generated helpers module', () => {
    const root = mkdtempSync(join(tmpdir(), 'sleepless-helpers-'));
    const mixHome = join(root, '.mix-home');

    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it('is written by init, compiles in the test env and passes its own ExUnit tests', async () => {
      writeFileSync(join(root, 'mix.exs'), MIX_EXS);
      mkdirSync(join(root, 'lib'));
      mkdirSync(join(root, 'test'));
      writeFileSync(join(root, 'test', 'test_helper.exs'), 'ExUnit.start()\n');
      copyFileSync(join(HERE, 'wait_helpers_test.exs'), join(root, 'test', 'wait_helpers_test.exs'));

      const init = await initProject(root, { allowlist: false });
      expect(init.written).toEqual(['test/support/wait_helpers.ex', 'mix.exs']);

      mkdirSync(mixHome);
      // A private MIX_HOME and no deps: nothing is fetched, nothing outside the temp dir is touched.
      const env: NodeJS.ProcessEnv = { ...process.env, MIX_HOME: mixHome, MIX_ENV: 'test', HEX_OFFLINE: '1' };
      for (const inherited of ['MIX_EXS', 'MIX_BUILD_PATH', 'MIX_DEPS_PATH', 'MIX_BUILD_ROOT']) delete env[inherited];
      const run = spawnSync('mix', ['test'], { cwd: root, encoding: 'utf8', env });
      const log = `${run.stdout}\n${run.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
      expect(run.status, log).toBe(0);
      expect(log).toMatch(/\b10 tests, 0 failures\b/);
      expect(log).not.toMatch(/warning:/);

      // mix format-clean at the default line length and at eternal's 80.
      for (const formatter of ['[inputs: ["test/support/*.ex"]]', '[inputs: ["test/support/*.ex"], line_length: 80]']) {
        writeFileSync(join(root, '.formatter.exs'), `${formatter}\n`);
        const format = spawnSync('mix', ['format', '--check-formatted'], { cwd: root, encoding: 'utf8', env });
        expect(format.status, `${formatter}\n${format.stdout}\n${format.stderr}`).toBe(0);
      }
    });
  });

// The mix.exs `mix new helpers_check` writes: init must patch it to compile test/support.
const MIX_EXS = `defmodule HelpersCheck.MixProject do
  use Mix.Project

  def project do
    [
      app: :helpers_check,
      version: "0.1.0",
      elixir: "~> 1.14",
      start_permanent: Mix.env() == :prod,
      deps: deps()
    ]
  end

  def application do
    [
      extra_applications: [:logger]
    ]
  end

  defp deps do
    []
  end
end
`;
