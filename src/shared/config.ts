// The shared-state settings: REDIS_URL (unset: every replica keeps its state to itself) and
// the name this replica goes by in /kb status.
import { hostname } from "node:os";
import { z } from "zod";

export interface SharedConfig {
  /** redis:// or rediss:// URL. */
  readonly url: string;
  /** This replica's name in /kb status; default host name and process id. */
  readonly replicaId: string;
}

const URL_HINT = "must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379";

export const SharedEnvSchema = z.object({
  REDIS_URL: z
    .string()
    .refine((s) => /^rediss?:\/\/[^\s/]+/.test(s) && URL.canParse(s), URL_HINT)
    .optional(),
  REPLICA_ID: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,64}$/, "must be 1 to 64 letters, digits or . _ : -")
    .optional(),
});

export function sharedConfigOf(env: z.infer<typeof SharedEnvSchema>): SharedConfig | null {
  if (env.REDIS_URL === undefined) return null;
  return { url: env.REDIS_URL, replicaId: env.REPLICA_ID ?? `${hostname()}-${process.pid}` };
}

/** The URL's password, for the logger's mask list. */
export function sharedSecrets(config: SharedConfig | null): string[] {
  if (!config) return [];
  const password = new URL(config.url).password;
  return password ? [password, decodeURIComponent(password)] : [];
}
