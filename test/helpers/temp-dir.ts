// Temporary directories for a test file, removed once its tests are done: a test run leaves
// nothing behind in the system's temp dir. Import it at the top of a test file (or of a helper
// a test file imports), so that its afterAll joins that file's hooks.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

const made: string[] = [];

afterAll(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A new empty directory `<tmp>/chokepoint-<prefix>-XXXXXX`, removed after the file's tests. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `chokepoint-${prefix}-`));
  made.push(dir);
  return dir;
}
