// A sleep's length may name attributes that a case template the test uses defines for it, in the
// quote of its `__using__` (or of ExUnit.CaseTemplate's `using`): phoenix_pubsub's NodeCase sets
// `@permdown unquote(@permdown)` (here `@handoff`: a name that, unlike permdown, says nothing of what the
// sleep waits out). Read there, the length is known, and so is the rewrite's timeout; and the result
// cache notices when the template changes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/scan.js';
import { project } from '../helpers/project.js';

const NODE_CASE = (handoff: number) => `defmodule App.NodeCase do
  @heartbeat 100
  @handoff ${handoff}

  defmacro __using__(_opts) do
    quote do
      use ExUnit.Case, async: true
      @heartbeat unquote(@heartbeat)
      @handoff unquote(@handoff)
    end
  end
end
`;

const CLUSTER_CASE = `defmodule App.ClusterCase do
  use ExUnit.CaseTemplate

  using do
    quote do
      @settle 250
    end
  end
end
`;

const TEST = `defmodule App.ShardTest do
  use App.NodeCase
  use App.ClusterCase

  test "a node that went down is dropped once handed off", %{shard: shard} do
    App.Cluster.partition(:node1)
    Process.sleep(@handoff + 2 * @heartbeat)
    assert [{"local1", _}] = App.Cluster.dirty_list(shard)
  end

  test "a node comes back", %{shard: shard} do
    App.Cluster.heal(:node1)
    Process.sleep(@settle)
    assert [_, _] = App.Cluster.dirty_list(shard)
  end

  test "an attribute no template defines", %{shard: shard} do
    App.Cluster.heal(:node2)
    Process.sleep(@unknown)
    assert [_, _] = App.Cluster.dirty_list(shard)
  end
end
`;

const lengths = async (root: string, cache = false) =>
  (await scan({ root, reportOnlyParallel: true, cache })).report.findings.map((f) => [f.line, f.duration_ms, f.safety]);

describe('attributes a case template defines', () => {
  it('give the sleep its length, in __using__ (read back through unquote) and in using', async () => {
    const root = project({ 'test/support/node_case.ex': NODE_CASE(1500), 'test/support/cluster_case.ex': CLUSTER_CASE, 'test/app/shard_test.exs': TEST });
    expect(await lengths(root)).toEqual([
      [7, 1700, 'safe'],
      [13, 250, 'safe'],
      [19, null, 'review'],
    ]);
  });

  it('are read again by a cached scan when the template changes', async () => {
    const root = project({ 'test/support/node_case.ex': NODE_CASE(1500), 'test/support/cluster_case.ex': CLUSTER_CASE, 'test/app/shard_test.exs': TEST });
    expect((await lengths(root, true))[0]).toEqual([7, 1700, 'safe']);
    writeFileSync(join(root, 'test/support/node_case.ex'), NODE_CASE(3000));
    expect((await lengths(root, true))[0]).toEqual([7, 3200, 'safe']);
  });
});
