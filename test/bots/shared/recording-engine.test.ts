import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatReloadEmbed } from "../../../src/bots/discord/format.ts";
import { openState, withRecording } from "../../../src/bots/shared/recording-engine.ts";
import { formatReloadReport } from "../../../src/bots/slack/format.ts";
import { renderReport } from "../../../src/bots/terminal/chat.ts";
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

  it("says so in the report when a reload's audit record could not be written", async () => {
    const file = join(await tempDir("state"), "a-file");
    await writeFile(file, "");
    const admin = join(file, "state", "admin.jsonl");
    const blocked = withRecording(engine, { state: openState(join(file, "state")), platform: "slack", logger: silentLogger });
    const report = await blocked.reload("slack:U1");
    expect(report.ok).toBe(true);
    expect(report.auditError).toMatch(new RegExp(`^state: ${admin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: could not write: ENOTDIR`));

    const slack = formatReloadReport(report).text.split("\n")[0];
    expect(slack).toMatch(/^\*Knowledge base reloaded\* in \d+ ms by slack:U1: version `[0-9a-f]+` \(was `[0-9a-f]+`\) — but the audit record could not be written: state: .*admin\.jsonl: could not write: ENOTDIR/);
    expect(renderReport(report).split("\n")[0]).toMatch(/^Reloaded in \d+ ms: version \S+ \(was \S+\) — but the audit record could not be written: state: .*admin\.jsonl: could not write: ENOTDIR/);
    expect(formatReloadEmbed(report, "en").description).toMatch(/^But the audit record could not be written: state: .*admin\.jsonl: could not write: ENOTDIR/);

    // A report whose record was written says nothing of it.
    const recorded = await withRecording(engine, { state: openState(await tempDir("state")), platform: "slack", logger: silentLogger }).reload("slack:U1");
    expect(recorded.auditError).toBeUndefined();
    expect(formatReloadReport(recorded).text).not.toContain("audit");
  });
});
