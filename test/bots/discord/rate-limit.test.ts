// The per-user limit through the real discord.js client: the question over the limit gets
// an ephemeral reply saying when to retry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscord, type DiscordBot } from "../../../src/bots/discord/bot.ts";
import { createRateLimiter } from "../../../src/bots/shared/rate-limit.ts";
import { silentLogger } from "../../../src/log.ts";
import { bundledEngine } from "../../helpers/engine.ts";
import { FakeDiscord, type RecordedRequest } from "./fake-discord.ts";

const EPHEMERAL = 64;
let fake: FakeDiscord;
let bot: DiscordBot;

beforeAll(async () => {
  fake = await FakeDiscord.start({ heartbeatIntervalMs: 1000 });
  bot = await startDiscord({
    config: { token: fake.token, applicationId: fake.applicationId, guildId: fake.guildId, adminRoleIds: [], apiUrl: fake.apiUrl },
    engine: await bundledEngine(),
    logger: silentLogger,
    rateLimiter: createRateLimiter({ perMinute: 1 }),
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const callbackFor = (id: string) => (r: RecordedRequest) => r.method === "POST" && r.route.startsWith(`/interactions/${id}/`);

describe("Discord rate limit", () => {
  it("answers up to the limit, then replies ephemerally with when to retry", async () => {
    const first = fake.sendCommand({ name: "ask", options: [{ name: "question", type: 3, value: "What is the B40 chip?" }] });
    expect((await fake.waitForRequest(callbackFor(first.id))).body.data.embeds).toHaveLength(1);
    const second = fake.sendCommand({ name: "ask", options: [{ name: "question", type: 3, value: "B40은 뭐야?" }] });
    const reply = await fake.waitForRequest(callbackFor(second.id));
    expect(reply.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.body.data.content).toMatch(/^질문이 조금 많아요 \(1분에 1개까지\)\. \d+초 뒤에 다시 물어봐 주세요\.$/);
    expect(reply.body.data.allowed_mentions).toEqual({ parse: [] });
  });
});
