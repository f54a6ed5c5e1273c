// The helpers module is named in the project's own namespace: the one its mix.exs module uses.
import { describe, expect, it } from 'vitest';
import { appModule } from '../../src/helpers/detect.js';
import { project } from '../helpers/project.js';

const mix = (text: string) => project({ 'mix.exs': text });

describe('the namespace of the helpers module', () => {
  it("is the project module's, in the project's own spelling", async () => {
    expect(await appModule(mix('defmodule SampleApp.MixProject do\n  use Mix.Project\n  def project, do: [app: :sample_app]\nend\n'))).toBe('SampleApp');
    expect(await appModule(mix('defmodule RethinkDB.Mixfile do use Mix.Project\n  def project, do: [app: :rethinkdb]\nend\n'))).toBe('RethinkDB');
    expect(await appModule(mix('defmodule OPQ.Mixfile do\n  use Mix.Project\n  def project, do: [app: :opq]\nend\n'))).toBe('OPQ');
    expect(await appModule(mix('defmodule Phoenix.PubSub.MixProject do\n  use Mix.Project\n  def project, do: [app: :phoenix_pubsub]\nend\n'))).toBe('Phoenix.PubSub');
  });

  it("falls back to the app's name, then to Test", async () => {
    expect(await appModule(mix('defmodule Project do\n  use Mix.Project\n  def project, do: [app: :job_queue]\nend\n'))).toBe('JobQueue');
    expect(await appModule(project({}))).toBe('Test');
  });
});
