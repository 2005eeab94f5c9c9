// The logs a command-line tool reads (`npm run kb -- gaps`): the shared Redis streams when
// REDIS_URL is set, else the state directory's files. A Redis that cannot be reached is an
// error here, not a silent empty list.
import { openState, type StateLogs } from "../bots/shared/recording-engine.ts";
import { createLogger } from "../log.ts";
import { SharedEnvSchema, sharedConfigOf } from "./config.ts";
import { connectRedis } from "./redis.ts";
import { streamLogs } from "./shared-state.ts";

export async function openLogsFromEnv(env: NodeJS.ProcessEnv, stateDir: string): Promise<{ logs: StateLogs; close(): Promise<void> }> {
  const parsed = SharedEnvSchema.safeParse({ REDIS_URL: env.REDIS_URL?.trim() || undefined });
  if (!parsed.success) throw new Error(`config: REDIS_URL: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  const config = sharedConfigOf(parsed.data);
  if (!config) return { logs: openState(stateDir), close: async () => {} };
  const redis = connectRedis({ url: config.url, logger: createLogger({ level: "error", secrets: [] }), role: "cli", queueWhileDown: true });
  try {
    await Promise.race([
      redis.client.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`redis: cannot reach ${config.url.replace(/\/\/[^@]*@/, "//")}`)), 3_000).unref()),
    ]);
  } catch (err) {
    redis.client.disconnect();
    throw err;
  }
  return { logs: streamLogs(redis), close: () => redis.close() };
}
