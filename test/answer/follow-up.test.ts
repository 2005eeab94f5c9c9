import { describe, expect, it } from "vitest";
import { aboutLabel, answerNames, compactTopic, focusOf, koreanStems, markedNouns, resolveFollowUp, statesSubject, subjectOf, topicOf } from "../../src/answer/follow-up.ts";

const after = (previous: string, followUp: string) => resolveFollowUp({ question: previous }, followUp);

describe("topicOf", () => {
  it("drops the question's frame and keeps what it is about", () => {
    expect(topicOf("What was the AI Diffusion Framework?")).toBe("the AI Diffusion Framework");
    expect(topicOf("Who is David Sacks?")).toBe("David Sacks");
    expect(topicOf("미국이 H20 중국 수출을 승인한 이유는 뭐야?")).toBe("미국이 H20 중국 수출을 승인한");
    expect(topicOf("젠슨 황은 1월에 중국 어디를 방문했어?")).toBe("젠슨 황은 1월에 중국");
  });
});

describe("resolveFollowUp", () => {
  it("without a previous question, every question is new", () => {
    expect(resolveFollowUp(null, "why?")).toEqual({ kind: "new", readings: ["why?"], topic: null, ask: null, lang: "en" });
  });

  it("puts the previous subject in place of a pronoun", () => {
    const r = after("Who is Howard Lutnick?", "what did he say about the H20?");
    expect(r.kind).toBe("follow-up");
    expect(r.readings[0]).toBe("what did Howard Lutnick say about the H20?");
  });

  it("reads a bare question word as the previous question's topic with the new ask", () => {
    const r = after("Why did the US allow H20 exports?", "when?");
    expect(r.readings).toEqual(["when the US allow H20 exports?"]);
    expect(aboutLabel(r)).toBe("(about: the US allow H20 exports — when)");
    const ko = after("엔비디아가 중국에 판 H20은?", "언제?");
    expect(ko.readings).toEqual(["엔비디아가 중국에 판 H20은 언제?"]);
    expect(aboutLabel(ko)).toBe("(엔비디아가 중국에 판 H20에 대해 — 언제)");
  });

  it("asks the same question about a new subject for 'what about X'", () => {
    const r = after("When did Nvidia resume H20 sales?", "what about AMD?");
    expect(r.readings[0]).toBe("When did AMD resume H20 sales?");
  });

  it("replaces the last noun phrase for 'X는?'", () => {
    const r = after("엔비디아가 입은 재고 상각 규모는?", "매출 손실은?");
    expect(r.readings[0]).toBe("엔비디아가 입은 매출 손실은?");
  });

  it("drops 그럼 and the deictic 그 and adds the topic", () => {
    const r = after("러트닉 장관은 H20에 대해 뭐라고 했어?", "그럼 그 발언은 언제 나왔어?");
    expect(r.readings[0]).toBe("러트닉 장관은 H20에 대해 발언은 언제 나왔어?");
  });

  it("keeps a pronoun that follows the follow-up's own subject and adds the context instead", () => {
    const r = after("Why did Trump allow H200 exports?", "how big is the gap the US thinks it keeps?");
    expect(r.readings[0]).toBe("how big is the gap the US thinks it keeps Trump allow H200 exports?");
  });

  it("treats a question that names its own subject with a full predicate as new", () => {
    expect(after("What was the AI Diffusion Framework?", "Who is Howard Lutnick in the Trump administration?")).toMatchObject({
      kind: "new",
      readings: ["Who is Howard Lutnick in the Trump administration?"],
    });
    expect(aboutLabel(after("What is the H20?", "What did Huawei launch in July 2025?"))).toBeNull();
  });
});

describe("subjectOf", () => {
  it.each([
    ["what did bessent say about what each side wanted in the talks", undefined, "bessent"],
    ["when was the diffusion framework supposed to take effect", undefined, "the diffusion framework"],
    ["what chip does huawei's cloudmatrix 384 run on", undefined, "huawei's cloudmatrix 384"],
    ["what's nvidia's new china-only chip called", undefined, "nvidia's new china-only chip"],
    ["who said ai is like the dollar", 'David Sacks said "AI is like the dollar".', "David Sacks"],
    ["who said ai is like the dollar", undefined, null],
    ["h20 수출은 왜 승인됐나?", undefined, null],
  ])("%j (answer %j): %j", (question, answer, subject) => {
    expect(subjectOf({ question, ...(answer ? { answer } : {}) })).toBe(subject);
  });
});

describe("resolveFollowUp, subjects and parallels", () => {
  it("puts the previous question's subject, not its whole topic, in place of a personal pronoun", () => {
    expect(after("what did bessent say about what each side wanted in the talks", "and which department does he run?").readings[0]).toBe(
      "which department does bessent run?",
    );
    const who = resolveFollowUp({ question: "who said ai is like the dollar", answer: 'David Sacks said "AI is like the dollar".' }, "what's his role in the admin?");
    expect(who.readings[0]).toBe("what's David Sacks's role in the admin?");
  });

  it("swaps the word of the same shape for 'X는?' and 'what about X' with another number", () => {
    expect(after("h20 수출 막혔을때 엔비디아 1분기 상각 얼마였어", "2분기는?").readings[0]).toBe("h20 수출 막혔을때 엔비디아 2분기 상각 얼마였어?");
    expect(after("When did Nvidia resume H20 sales?", "what about the H200?").readings[0]).toBe("When did Nvidia resume H200 sales?");
  });

  it("reads a common noun phrase in 'what about X' as added to the question first", () => {
    expect(after("what does china want private firms to do before using h200s", "what about the public sector?").readings).toEqual([
      "what does china want private firms to do before using h200s the public sector?",
      "what does china want private firms to do before using the public sector?",
      "the public sector h200s?",
    ]);
  });
});

describe("resolveFollowUp, a change of subject said outright", () => {
  it.each([
    ["다른 얘긴데 딥시크 칩 밀반출 사건 첫 재판 언제야?", "딥시크 칩 밀반출 사건 첫 재판 언제야?"],
    ["On another note, when is the smuggling trial?", "when is the smuggling trial?"],
    ["unrelated question: what is the B40?", "what is the B40?"],
  ])("%j is a new question, asked as %j", (followUp, asked) => {
    const r = after("색스가 ai를 뭐에 비유했어?", followUp);
    expect(r.kind).toBe("new");
    expect(r.readings).toEqual([asked]);
  });
});

describe("resolveFollowUp, a noun left out", () => {
  it("reads 'the slower one' against the previous question", () => {
    const r = after("how much better is the h200 than the h20", "who put out a chip similar to the slower one?");
    expect(r.kind).toBe("follow-up");
    expect(r.readings[0]).toBe("who put out a chip similar to the slower one better is the h200 than the h20?");
  });
});

describe("compactTopic", () => {
  it("cuts an English question to the noun phrase after its last verb or preposition", () => {
    expect(compactTopic("who was fined in the samsung memory probe")).toBe("the samsung memory probe");
    expect(compactTopic("what do regulators expect banks to report before buying h100s")).toBe("h100s");
    expect(compactTopic("why")).toBeNull();
  });

  it("cuts a Korean question to its first word and its Latin or digit names", () => {
    expect(compactTopic("삼성이 hbm3 공급 늘려준 배경 뭐야")).toBe("삼성이 hbm3");
    expect(compactTopic("엔비디아 3월에 대만 어디 들렀어?")).toBe("엔비디아 3월에");
  });
});

describe("answerNames", () => {
  it("gives the models the previous answer named that its question did not, those among the question's words first", () => {
    expect(answerNames({ question: "what is amd's new export chip called", answer: "Besides the MI308, AMD is preparing the MI309X, a new export chip." })).toEqual(["MI309X", "MI308"]);
    expect(answerNames({ question: "who leads amd", answer: "Lisa Su leads AMD." })).toEqual([]);
    expect(answerNames({ question: "who leads amd" })).toEqual([]);
  });

  it("lets it or those stand for such a model", () => {
    const r = resolveFollowUp({ question: "what is amd's new export chip called", answer: "AMD is preparing the MI309X, a new export chip." }, "what did they cut from it?");
    expect(r.readings).toContain("what did they cut from MI309X?");
  });
});

describe("focusOf", () => {
  it("is the stems the follow-up adds, without question words, pronouns or relating words", () => {
    expect([...focusOf("엔비디아 3월에 대만 어디 들렀어?", "타이베이는 며칠?")]).toEqual(["타이베이"]);
    expect([...focusOf("who was fined in the samsung memory probe", "when's the hearing after that?")]).toEqual(["hear"]);
  });

  it("reads a Korean verb noun without its ending", () => {
    expect(koreanStems("그거 언제 발표됐어?")).toBe("그거 언제 발표");
    expect(koreanStems("그 사람 사임했나")).toBe("그 사람 사임");
    expect(koreanStems("왜 했어?")).toBe("왜 했어");
  });
});

describe("readings of a follow-up", () => {
  it("also asks the follow-up under the previous question's subject alone", () => {
    expect(after("삼성이 hbm3 공급 늘려준 배경 뭐야", "sk하이닉스는 어떻게 했는데?").readings).toContain("삼성이 hbm3 sk하이닉스는 어떻게 했는데?");
    expect(after("what do regulators expect banks to report before buying h100s", "what about insurers?").readings).toContain("insurers h100s?");
  });

  it("knows a Korean follow-up that states its own subject", () => {
    expect(statesSubject("타이베이는 며칠이었어?")).toBe(true);
    expect(statesSubject("그럼 대만은?")).toBe(true);
    expect(statesSubject("그건 언제야?")).toBe(false);
    expect(statesSubject("how many?")).toBe(false);
  });
});

describe("markedNouns", () => {
  it("is the new Korean nouns a follow-up marks with a particle, not its verbs or question words", () => {
    expect(markedNouns("hbm3 스택에 칩 몇 개 쌓아?", "그거 한 개 무게는 얼마야?")).toEqual(["무게"]);
    expect(markedNouns("hbm3 상한선은 원래 몇 개였어?", "얼마로 늘린다는 거야?")).toEqual([]);
    expect(markedNouns("who leads amd", "and nvidia?")).toEqual([]);
  });
});
