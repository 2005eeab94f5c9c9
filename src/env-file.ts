// The local `.env`, read the same way by every entry point (npm start, discord:register):
// when the file is present its variables are added, and those already set in the environment win.
import { existsSync } from "node:fs";

/** Loads `path` (default `.env` in the working directory) into process.env when it exists. */
export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
