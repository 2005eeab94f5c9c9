// Shared by the command-line entry points: where the data is, and how a bad data set ends a command.
import { resolve } from "node:path";
import { KnowledgeLoadError } from "../knowledge/store.ts";

export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DATA_DIR?.trim() || "data");
}

export function stateDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.STATE_DIR?.trim() || "state");
}

/** Prints every data error and exits 1; rethrows anything else. */
export function exitOnLoadError(err: unknown): never {
  if (err instanceof KnowledgeLoadError) {
    process.stderr.write(err.message + "\n");
    process.exit(1);
  }
  throw err;
}
