// Fast restarts: the start-up load reuses the index snapshot of the data's version, answers
// exactly as a fresh build does, and rebuilds when the snapshot does not match the data.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { answer } from "../../src/answer/answer.ts";
import { loadWithSnapshot, snapshotFile } from "../../src/engine/index-snapshot.ts";
import { keySteps, rememberedKeys } from "../../src/knowledge/changes.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { runSteps } from "../../src/knowledge/steps.ts";
import { DATA_DIR } from "../helpers/engine.ts";

const root = mkdtempSync(join(tmpdir(), "chokepoint-snapshot-"));
const dataDir = join(root, "data");
const snapDir = join(root, "index");
cpSync(DATA_DIR, dataDir, { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

const QUESTIONS = ["What is the H20?", "H200은 H20보다 성능이 얼마나 좋은가?", "Who is Howard Lutnick?", "희토류 수출 통제는 언제 시작됐나?", "삼성 주가는?"];

async function load() {
  let from = "";
  let reason: string | undefined;
  let written: Promise<string | Error> | null = null;
  let resolveWritten: (v: string | Error) => void = () => {};
  written = new Promise((r) => (resolveWritten = r));
  const loaded = await loadWithSnapshot(dataDir, snapDir, {
    onLoad: (info) => {
      from = info.from;
      reason = info.reason;
    },
    onWritten: (file) => resolveWritten(file),
  });
  return { loaded, from, reason, written };
}

describe("index snapshots", () => {
  it("builds and writes a snapshot at the first start, and answers from it, word for word, at the next", async () => {
    const first = await load();
    expect(first.from).toBe("built");
    expect(first.reason).toBe("no snapshot of this version");
    const version = first.loaded.data!.version;
    expect(await first.written).toBe(snapshotFile(snapDir, version));

    const second = await load();
    expect(second.from).toBe("snapshot");
    expect(second.loaded.data!.version).toBe(version);
    // The articles and facts read back from their binary form are the ones parsed, key for key.
    expect(second.loaded.data).toStrictEqual(first.loaded.data);
    expect(second.loaded.warnings).toStrictEqual(first.loaded.warnings);
    for (const q of QUESTIONS) {
      const built = answer(q, { index: first.loaded.index!, version });
      const restored = answer(q, { index: second.loaded.index!, version });
      expect(restored).toEqual(built);
    }
  });

  it("keeps the keys a reload compares versions by, so that a start from it need not compute them", async () => {
    const first = await load();
    if (first.from === "built") await first.written;
    const restored = await load();
    expect(restored.from).toBe("snapshot");
    const parsed = await loadKnowledge(dataDir);
    expect(rememberedKeys(restored.loaded.data!)).toStrictEqual(runSteps(keySteps(parsed.data!)));
  });

  it("rebuilds when the snapshot file is damaged", async () => {
    const { loaded } = await load();
    const file = snapshotFile(snapDir, loaded.data!.version);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const again = await load();
    expect(again.from).toBe("built");
    // Cut short, the file fails to decode or no longer reads as a snapshot of this format.
    expect(again.reason).toMatch(/^the snapshot (?:could not be used: |is of another format or version)/);
    await again.written;
    expect((await load()).from).toBe("snapshot");
  });

  it("rebuilds when a byte of the snapshot changed, which its checksum shows", async () => {
    const { loaded } = await load();
    const file = snapshotFile(snapDir, loaded.data!.version);
    const bytes = readFileSync(file);
    // A byte in the middle: the string tables or the postings, whose damage no parser would see.
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0x01;
    writeFileSync(file, bytes);
    const again = await load();
    expect(again.from).toBe("built");
    expect(again.reason).toBe("the snapshot is of another format or version, or damaged");
    await again.written;
    expect((await load()).from).toBe("snapshot");
  });

  it("rebuilds for data that changed, and keeps the last few snapshots only", async () => {
    const before = (await load()).loaded.data!.version;
    for (let i = 0; i < 4; i++) {
      writeFileSync(join(dataDir, "examples.yaml"), readFileSync(join(DATA_DIR, "examples.yaml"), "utf8") + `\n# edit ${i}\n`);
      const changed = await load();
      expect(changed.from).toBe("built");
      expect(changed.loaded.data!.version).not.toBe(before);
      await changed.written;
    }
    expect(readdirSync(snapDir).filter((n) => n.endsWith(".snapshot"))).toHaveLength(3);
  });

  it("serves the snapshot the files hash to, not the one written last, after the data went back to an earlier version", async () => {
    const original = readFileSync(join(DATA_DIR, "examples.yaml"), "utf8");
    writeFileSync(join(dataDir, "examples.yaml"), original);
    const earlier = await load();
    if (earlier.from === "built") await earlier.written;
    writeFileSync(join(dataDir, "examples.yaml"), original + "\n# a later edit\n");
    const later = await load();
    await later.written;
    // Back to the earlier files, as a rollback leaves them: the newest snapshot is the later one.
    writeFileSync(join(dataDir, "examples.yaml"), original);
    const back = await load();
    expect(back.from).toBe("snapshot");
    expect(back.loaded.data!.version).toBe(earlier.loaded.data!.version);
    expect(back.loaded.data!.version).not.toBe(later.loaded.data!.version);
  });
});
