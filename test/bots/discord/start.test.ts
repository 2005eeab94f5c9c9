import { describe, expect, it } from "vitest";
import type { Engine } from "../../../src/engine/engine-types.ts";
import { startDiscord } from "../../../src/bots/discord/bot.ts";
import type { DiscordConfig } from "../../../src/bots/discord/config.ts";
import { silentLogger } from "../../../src/log.ts";
import { FakeDiscord } from "./fake-discord.ts";

// A failed start must not reach the engine; any call here is a bug.
const untouchable = new Proxy({} as Engine, {
  get: (_, name) => () => {
    throw new Error(`engine.${String(name)} called before READY`);
  },
});

const configFor = (fake: FakeDiscord, token = fake.token): DiscordConfig => ({
  token,
  applicationId: fake.applicationId,
  guildId: null,
  adminRoleIds: [],
  apiUrl: fake.apiUrl,
});

describe("startDiscord failures", () => {
  it("rejects a token Discord refuses, without connecting to the gateway", async () => {
    const fake = await FakeDiscord.start();
    try {
      await expect(
        startDiscord({ config: configFor(fake, "wrong-token"), engine: untouchable, logger: silentLogger }),
      ).rejects.toThrow("discord: login failed: An invalid token was provided.");
      expect(fake.received).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it("rejects when the REST API cannot be reached", async () => {
    const fake = await FakeDiscord.start();
    const config = configFor(fake);
    await fake.close(); // nothing listens on this port any more
    await expect(startDiscord({ config, engine: untouchable, logger: silentLogger })).rejects.toThrow(
      /^discord: login failed: /,
    );
  });
});
