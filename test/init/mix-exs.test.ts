// Does mix.exs compile test/support in the test env, and how is it made to: patched in the
// standard shape, left alone in any shape that already lists it, explained otherwise.
import { describe, expect, it } from 'vitest';
import { ensureTestSupportCompiled, supportDirOf } from '../../src/helpers/mix-exs.js';
import { detectHelpers } from '../../src/helpers/detect.js';
import { project as tree } from '../helpers/project.js';

const project = (extra: string) => `defmodule App.MixProject do
  use Mix.Project

  def project do
    [
      app: :app,
      version: "0.1.0",${extra}
      deps: deps()
    ]
  end

  defp deps, do: []
end
`;

const withPaths = (clauses: string) =>
  project('\n      elixirc_paths: elixirc_paths(Mix.env()),').replace('  defp deps', `${clauses}\n\n  defp deps`);

describe('ensureTestSupportCompiled', () => {
  it("adds the clauses above the comment `mix new` writes over `defp deps`, which stays with it (ex_chat_supervised)", () => {
    const mix = project('').replace('  defp deps, do: []', '  # Run "mix help deps" to learn about dependencies.\n  defp deps, do: []');
    const patch = ensureTestSupportCompiled(mix);
    expect(patch.kind === 'patched' && patch.text).toContain(
      '  defp elixirc_paths(:test), do: ["lib", "test/support"]\n  defp elixirc_paths(_), do: ["lib"]\n\n  # Run "mix help deps" to learn about dependencies.\n  defp deps, do: []\n',
    );
  });

  it('leaves the standard clause that lists test/support alone', () => {
    expect(ensureTestSupportCompiled(withPaths('  defp elixirc_paths(:test), do: ["lib", "test/support"]\n  defp elixirc_paths(_), do: ["lib"]'))).toEqual({ kind: 'ok' });
  });

  it('adds test/support to a standard test clause without it', () => {
    const patch = ensureTestSupportCompiled(withPaths('  defp elixirc_paths(:test), do: ["lib"]\n  defp elixirc_paths(_), do: ["lib"]'));
    expect(patch.kind).toBe('patched');
    expect(patch.kind === 'patched' && patch.text).toContain('defp elixirc_paths(:test), do: ["lib", "test/support"]');
  });

  it('adds a test clause first, with the catch-all paths and test/support, when the others have none (phoenix_profiler)', () => {
    const patch = ensureTestSupportCompiled(withPaths('  defp elixirc_paths(:dev), do: ["lib", "dev"]\n  defp elixirc_paths(_), do: ["lib"]'));
    expect(patch.kind === 'patched' && patch.text).toContain(
      '  defp elixirc_paths(:test), do: ["lib", "test/support"]\n  defp elixirc_paths(:dev), do: ["lib", "dev"]\n  defp elixirc_paths(_), do: ["lib"]\n',
    );
  });

  it('adds the option and both clauses to a project without elixirc_paths', () => {
    const patch = ensureTestSupportCompiled(project(''));
    expect(patch.kind === 'patched' && patch.text).toContain('      elixirc_paths: elixirc_paths(Mix.env()),\n');
    expect(patch.kind === 'patched' && patch.text).toContain('  defp elixirc_paths(:test), do: ["lib", "test/support"]\n  defp elixirc_paths(_), do: ["lib"]\n\n  defp deps');
  });

  // riffed: the old `mix new` layout opens the list on the `app:` line.
  it('adds the option under `app:` when the list opens on its line', () => {
    const old = 'defmodule Riffed.Mixfile do\n  use Mix.Project\n\n  def project do\n    [app: :riffed,\n     version: "1.0.0",\n     deps: deps()]\n  end\n\n  defp deps, do: []\nend\n';
    const patch = ensureTestSupportCompiled(old);
    expect(patch.kind === 'patched' && patch.text).toContain('    [app: :riffed,\n     elixirc_paths: elixirc_paths(Mix.env()),\n     version: "1.0.0",');
    expect(patch.kind === 'patched' && patch.text).toContain('  defp elixirc_paths(:test), do: ["lib", "test/support"]\n  defp elixirc_paths(_), do: ["lib"]\n\n  defp deps');
  });

  // Shapes from real projects (smartcitiesdata's andi, elixometer): the advice to add the standard
  // clauses would have duplicated them.
  it.each([
    ['a guard over several envs', '  defp elixirc_paths(env) when env in [:test, :integration], do: ["lib", "test/support"]\n  defp elixirc_paths(_), do: ["lib"]'],
    ['a do-block clause', '  defp elixirc_paths(:test) do\n    ["lib", "test/support"]\n  end\n\n  defp elixirc_paths(_), do: ["lib"]'],
    ['a word sigil', '  defp elixirc_paths(:test), do: ~w(lib test/support)\n  defp elixirc_paths(_), do: ~w(lib)'],
  ])('accepts %s that already lists test/support', (_, clauses) => {
    expect(ensureTestSupportCompiled(withPaths(clauses))).toEqual({ kind: 'ok' });
  });

  it('explains what to add when elixirc_paths has a shape it cannot patch', () => {
    const patch = ensureTestSupportCompiled(withPaths('  defp elixirc_paths(env), do: paths_for(env)'));
    expect(patch.kind).toBe('manual');
    expect(patch.kind === 'manual' && patch.instructions).toContain('defp elixirc_paths(:test), do: ["lib", "test/support"]');
  });
});

describe('supportDirOf', () => {
  it("names the support directory the test env compiles, under def or defp, another than test/support too (vsr's test/_support)", () => {
    expect(supportDirOf(withPaths('  def elixirc_paths(:test), do: ["lib", "test/_support", "maelstrom-adapter"]\n  def elixirc_paths(_), do: ["lib"]'))).toBe('test/_support');
    expect(supportDirOf(withPaths('  defp elixirc_paths(:test), do: ["lib", "test/support"]\n  defp elixirc_paths(_), do: ["lib"]'))).toBe('test/support');
    expect(supportDirOf(withPaths('  defp elixirc_paths(:test), do: ["lib", "test"]\n  defp elixirc_paths(_), do: ["lib"]'))).toBe('test/support');
    expect(supportDirOf(withPaths('  defp elixirc_paths(:test), do: ["lib"]\n  defp elixirc_paths(_), do: ["lib"]'))).toBeNull();
    expect(supportDirOf(project(''))).toBeNull();
  });

  it('leaves mix.exs alone when the test env compiles another support directory, and writes the helpers there', async () => {
    const mix = withPaths('  def elixirc_paths(:test), do: ["lib", "test/_support"]\n  def elixirc_paths(_), do: ["lib"]');
    expect(ensureTestSupportCompiled(mix)).toEqual({ kind: 'ok' });
    const root = tree({ 'mix.exs': mix, 'test/_support/case.ex': 'defmodule App.Case do\nend\n' });
    expect((await detectHelpers(root)).generatedPath).toBe('test/_support/wait_helpers.ex');
    expect((await detectHelpers(tree({ 'mix.exs': project('') }))).generatedPath).toBe('test/support/wait_helpers.ex');
  });
});
