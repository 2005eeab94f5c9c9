import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openState, withRecording } from "../../../src/bots/shared/recording-engine.ts";
import { silentLogger } from "../../../src/log.ts";
import { bundledEngine } from "../../helpers/engine.ts";
import { tempDir } from "../../helpers/temp-dir.ts";

const engine = await bundledEngine();

describe("withRecording", () => {
  it("records refusals and admin actions in the state directory, which survives a restart", async () => {
    const dir = await tempDir("state");
    const first = withRecording(engine, { state: openState(dir), platform: "slack", logger: silentLogger });
    expect((await first.ask("What is the B40 chip?")).answered).toBe(true);
    expect((await first.ask("What is the price of Tesla stock?")).answered).toBe(false);
    expect((await first.ask("")).answered).toBe(false); // an empty question is no gap
    await first.reload("slack:U1");
    await first.rollback("slack:U1");

    // A new process: a fresh state handle over the same directory.
    const state = openState(dir);
    const refusals = await state.refusals.readAll();
    expect(refusals.map((r) => [r.platform, r.question, r.refusal])).toEqual([["slack", "What is the price of Tesla stock?", "no-support"]]);
    const admin = await state.admin.readAll();
    expect(admin.map((a) => [a.action, a.actor, a.ok])).toEqual([
      ["reload", "slack:U1", true],
      ["rollback", "slack:U1", true],
    ]);
    const again = withRecording(engine, { state, platform: "discord", logger: silentLogger });
    const gaps = await again.recentGaps!(7);
    expect(gaps.map((g) => g.question)).toEqual(["What is the price of Tesla stock?"]);
  });

  it("keeps answering when the state directory cannot be written", async () => {
    // A directory below a regular file can never be created.
    const file = join(await tempDir("state"), "a-file");
    await writeFile(file, "");
    const blocked = withRecording(engine, { state: openState(join(file, "state")), platform: "slack", logger: silentLogger });
    expect((await blocked.ask("What is the price of Tesla stock?")).answered).toBe(false);
    await expect(blocked.reload("x")).resolves.toMatchObject({ ok: true });
  });
});
