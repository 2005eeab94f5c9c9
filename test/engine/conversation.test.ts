import { describe, expect, it } from "vitest";
import { createMemoryConversationStore } from "../../src/engine/conversation-store.ts";
import { askInConversation, tookPart } from "../../src/engine/conversation.ts";
import { bundledEngine } from "../helpers/engine.ts";
import type { Answer } from "../../src/answer/types.ts";

const engine = await bundledEngine();

describe("memory conversation store", () => {
  it("forgets a conversation after its time to live", async () => {
    let now = 0;
    const store = createMemoryConversationStore({ ttlMs: 1000, now: () => now });
    await store.set("dm:D1", { question: "Who is David Sacks?", at: 0 });
    now = 999;
    expect(await store.get("dm:D1")).toEqual({ question: "Who is David Sacks?", at: 0 });
    now = 1000;
    expect(await store.get("dm:D1")).toBeUndefined();
  });

  it("keeps at most max conversations, forgetting the least recently used", async () => {
    const store = createMemoryConversationStore({ max: 2 });
    await store.set("a", { question: "qa", at: 0 });
    await store.set("b", { question: "qb", at: 0 });
    await store.get("a");
    await store.set("c", { question: "qc", at: 0 });
    expect([await store.get("a"), await store.get("b"), await store.get("c")].map((s) => s?.question)).toEqual(["qa", undefined, "qc"]);
  });
});

describe("askInConversation", () => {
  it("answers a follow-up in its conversation's context and says what it took it to be", async () => {
    const store = createMemoryConversationStore();
    await askInConversation(engine, store, "t1", "What was the AI Diffusion Framework?");
    const a = await askInConversation(engine, store, "t1", "when was it supposed to take effect?");
    expect(a.answered).toBe(true);
    expect(a.question).toBe("when was it supposed to take effect?");
    expect(a.resolved).toBe("when was the AI Diffusion Framework supposed to take effect?");
    expect(a.about).toBe("(about: the AI Diffusion Framework)");
    expect(a.text).toMatch(/May 15/u);
  });

  it("never lets one conversation's context into another's", async () => {
    const store = createMemoryConversationStore();
    await askInConversation(engine, store, "A", "Who is David Sacks?");
    await askInConversation(engine, store, "B", "What is Huawei's CloudMatrix 384?");
    const b = await askInConversation(engine, store, "B", "what did he compare AI to?");
    const a = await askInConversation(engine, store, "A", "what did he compare AI to?");
    expect(a.resolved).toBe("what did David Sacks compare AI to?");
    expect(b.resolved).not.toMatch(/Sacks/u);
  });

  it("refuses a follow-up whose readings are unsupported, as asked, and keeps the context", async () => {
    const store = createMemoryConversationStore();
    await askInConversation(engine, store, "c", "Who is David Sacks?");
    const a = await askInConversation(engine, store, "c", "what is his favourite bitcoin price?");
    expect(a.answered).toBe(false);
    expect(a.question).toBe("what is his favourite bitcoin price?");
    expect(a.resolved).toBeUndefined();
    expect((await store.get("c"))?.question).toBe("Who is David Sacks?");
  });

  it("drops the context for a new question", async () => {
    const store = createMemoryConversationStore();
    await askInConversation(engine, store, "d", "What was the AI Diffusion Framework?");
    const a = await askInConversation(engine, store, "d", "Who is Howard Lutnick in the Trump administration?");
    expect(a.resolved).toBeUndefined();
    expect((await store.get("d"))?.question).toBe("Who is Howard Lutnick in the Trump administration?");
  });
});

describe("askInConversation, the answer's subject", () => {
  it("reads 'his' after a 'who' question as the person its answer named", async () => {
    const store = createMemoryConversationStore();
    await askInConversation(engine, store, "w", "who said ai is like the dollar");
    expect((await store.get("w"))?.answer).toMatch(/^David Sacks/u);
    const a = await askInConversation(engine, store, "w", "what's his role in the admin?");
    expect(a.resolved).toBe("what's David Sacks's role in the admin?");
  });
});

describe("tookPart", () => {
  it("remembers a conversation the bot replied in with a refusal, without a context", async () => {
    const store = createMemoryConversationStore();
    expect(await tookPart(store, "r")).toBe(false);
    await askInConversation(engine, store, "r", "what is the best pizza in Naples?");
    expect(await tookPart(store, "r")).toBe(true);
    expect((await store.get("r"))?.question).toBeNull();
    const a = await askInConversation(engine, store, "r", "Who is David Sacks?");
    expect(a.answered).toBe(true);
    expect(a.resolved).toBeUndefined();
  });
});

describe("askInConversation, choosing among readings", () => {
  // An engine that answers each reading with a set text, and refuses the others.
  const scripted = (texts: Record<string, string>) => ({
    ask: (q: string): Answer => ({
      question: q,
      lang: "en",
      answered: q in texts,
      text: texts[q] ?? "No.",
      citations: [],
      refusal: q in texts ? null : "no-support",
      suggestions: [],
      kbVersion: "v",
    }),
  });

  it("takes the reading whose first sentence says what the follow-up adds over an earlier one", async () => {
    const store = createMemoryConversationStore();
    await store.set("t", { question: "who was fined in the samsung memory probe", answer: "Two managers were fined.", at: 0 });
    const fake = scripted({
      "when's the hearing fined in the samsung memory probe?": "Two managers were fined. The hearing is in May.",
      "when's the hearing the samsung memory probe?": "The hearing in the Samsung memory probe is set for May.",
    });
    const a = await askInConversation(fake, store, "t", "when's the hearing?");
    expect(a.resolved).toBe("when's the hearing the samsung memory probe?");
    expect(a.text).toBe("The hearing in the Samsung memory probe is set for May.");
  });

  it("between readings saying as much, takes the one that does not repeat the previous answer", async () => {
    const store = createMemoryConversationStore();
    await store.set("t", { question: "삼성이 hbm3 공급 늘려준 배경 뭐야", answer: "삼성은 대만 수요 때문에 HBM3 공급을 늘렸다.", at: 0 });
    const fake = scripted({
      "삼성이 hbm3 공급 늘려준 대만은 어떻게 나왔는데?": "삼성은 대만 수요 때문에 HBM3 공급을 늘렸다.",
      "삼성이 hbm3 대만은 어떻게 나왔는데?": "대만 업체들은 HBM3 주문을 두 배로 늘렸다.",
    });
    const a = await askInConversation(fake, store, "t", "대만은 어떻게 나왔는데?");
    expect(a.resolved).toBe("삼성이 hbm3 대만은 어떻게 나왔는데?");
  });

  it("refuses a follow-up whose every answered reading leaves out the noun it asks about", async () => {
    const store = createMemoryConversationStore();
    await store.set("t", { question: "hbm3 스택에 칩 몇 개 쌓아?", answer: "HBM3 스택에는 칩 12개를 쌓는다.", at: 0 });
    const fake = scripted({ "hbm3 스택에 칩 개 쌓아 한 개 무게는 얼마야?": "HBM3 스택에는 칩 12개를 쌓는다." });
    const a = await askInConversation(fake, store, "t", "그거 한 개 무게는 얼마야?");
    expect(a.answered).toBe(false);
    expect(a.question).toBe("그거 한 개 무게는 얼마야?");
  });

  it("asks an English follow-up as it stands only when no reading with its context is answered", async () => {
    const store = createMemoryConversationStore();
    await store.set("t", { question: "which agency listed local gpus as approved", answer: "The agency listed Moore Threads and Biren GPUs.", at: 0 });
    const fake = scripted({
      "whose gpus besides biren's agency listed local gpus as approved?": "The agency listed Moore Threads and Biren GPUs.",
      "whose gpus besides biren's?": "Biren's GPUs compete with Moore Threads GPUs.",
    });
    const a = await askInConversation(fake, store, "t", "whose gpus besides biren's?");
    expect(a.resolved).toBe("whose gpus besides biren's agency listed local gpus as approved?");
  });
});
