// The thread that hashes the data directory at start-up (index-snapshot.ts), while the
// knowledge thread reads and decodes the snapshot it expects the files to hash to.
import { parentPort, workerData } from "node:worker_threads";
import { hashDataDir } from "../knowledge/load.ts";

const { dataDir } = workerData as { dataDir: string };
hashDataDir(dataDir).then(
  (version) => parentPort?.postMessage({ version }),
  (err: unknown) => parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) }),
);
