import { describe, expect, it } from "vitest";
import { createReloadGate, reloadBusyText, reloadStartedText } from "../../../src/bots/shared/reload-gate.ts";
import type { ReloadReport } from "../../../src/knowledge/report.ts";
import { OK_REPORT } from "../slack/fake-engine.ts";

const STARTED = new Date("2026-12-03T12:01:05.400Z");

function deferred(): { promise: Promise<ReloadReport>; resolve: (r: ReloadReport) => void; reject: (e: unknown) => void } {
  let resolve: (r: ReloadReport) => void = () => {};
  let reject: (e: unknown) => void = () => {};
  const promise = new Promise<ReloadReport>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe("createReloadGate", () => {
  it("runs one reload or rollback at a time and returns the running one to the next, without calling its work", async () => {
    const gate = createReloadGate(() => STARTED);
    const first = deferred();
    const claim = gate.tryStart("reload", "slack:U1", () => first.promise);
    expect(claim.ok).toBe(true);
    let called = false;
    const second = gate.tryStart("rollback", "discord:minji (42)", () => ((called = true), first.promise));
    expect(second).toEqual({ ok: false, running: { action: "reload", actor: "slack:U1", startedAt: STARTED } });
    expect(called).toBe(false);
    expect(gate.running()).toEqual({ action: "reload", actor: "slack:U1", startedAt: STARTED });

    first.resolve(OK_REPORT);
    if (!claim.ok) throw new Error("expected the first claim to start");
    await expect(claim.report).resolves.toBe(OK_REPORT);
    expect(gate.running()).toBeNull();
    expect(gate.tryStart("rollback", "slack:U2", async () => OK_REPORT).ok).toBe(true);
  });

  it("is free again after a reload that rejects or throws at once", async () => {
    const gate = createReloadGate();
    const failing = deferred();
    const claim = gate.tryStart("reload", "slack:U1", () => failing.promise);
    failing.reject(new Error("disk on fire"));
    if (!claim.ok) throw new Error("expected the claim to start");
    await expect(claim.report).rejects.toThrow("disk on fire");
    expect(gate.running()).toBeNull();

    const throwing = gate.tryStart("reload", "slack:U1", () => {
      throw new Error("no engine");
    });
    if (!throwing.ok) throw new Error("expected the claim to start");
    await expect(throwing.report).rejects.toThrow("no engine");
    expect(gate.running()).toBeNull();
  });
});

describe("reload texts", () => {
  const running = { action: "reload", actor: "discord:minji (42)", startedAt: STARTED } as const;

  it("says which runs, by whom, since when, in English and Korean", () => {
    const now = new Date(STARTED.getTime() + 12_300);
    expect(reloadBusyText(running, "en", now)).toBe(
      "A knowledge base reload is already running (started by discord:minji (42) at 12:01:05 UTC, 12 s ago). Try `/kb status` when it has finished.",
    );
    expect(reloadBusyText({ ...running, action: "rollback" }, "ko", now)).toBe(
      "이미 지식 베이스 되돌리기가 진행 중입니다 (discord:minji (42), 12:01:05 UTC 시작, 12초 전). 끝난 뒤 `/kb status` 로 확인해 주세요.",
    );
  });

  it("acknowledges a reload and a rollback differently", () => {
    expect(reloadStartedText("reload", "en")).toBe("Reloading the knowledge base… the report follows here when it is done.");
    expect(reloadStartedText("rollback", "en")).toBe("Rolling back the knowledge base… the report follows here when it is done.");
    expect(reloadStartedText("reload", "ko")).toBe("지식 베이스를 다시 읽는 중입니다… 끝나면 여기에 결과를 알려 드립니다.");
  });
});
