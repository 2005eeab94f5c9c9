// The knowledge thread: loads the data directory, answers the serving thread's calls, and
// runs reloads and rollbacks, all on its own heap and event loop. A reload's garbage
// collection, or a long answer, then delays answers only, never the serving thread's
// acknowledgements to Slack or heartbeats to Discord.
import { parentPort, workerData } from "node:worker_threads";
import { KnowledgeLoadError } from "../knowledge/store.ts";
import { encodeSources, type Call, type SnapshotMeta, type StartupLoad, type ThreadMessage, type ThreadRequestData } from "./engine-thread-protocol.ts";
import { createEngine, sourcesOf, usageWithoutSources, type FullEngine } from "./engine.ts";

const { dataDir, rememberAnswers, snapshotDir } = workerData as ThreadRequestData;
const port = parentPort!;
/** Posts a message, moving the buffer of the snapshot meta's sources rather than copying it. */
const post = (message: ThreadMessage) => {
  const meta = "meta" in message ? message.meta : undefined;
  port.postMessage(message, meta ? [meta.sources.buffer as ArrayBuffer] : []);
};

/** The current snapshot's meta, its sources listed once (not again in each language's usage). */
function metaOf(engine: FullEngine): SnapshotMeta {
  const { data } = engine.store.current();
  return {
    status: engine.status(),
    sources: encodeSources(sourcesOf(data)),
    usage: { ko: usageWithoutSources(data, "ko"), en: usageWithoutSources(data, "en") },
  };
}

async function perform(engine: FullEngine, call: Call): Promise<unknown> {
  switch (call.method) {
    case "ask":
      return engine.ask(...call.args);
    case "followUps":
      return engine.followUps(...call.args);
    case "timeline":
      return engine.timeline(...call.args);
    case "gaps":
      return engine.gaps(...call.args);
    case "reload":
      return engine.reload(...call.args);
    case "rollback":
      return engine.rollback(...call.args);
  }
}

async function serve(): Promise<void> {
  let engine: FullEngine;
  let startup: StartupLoad | undefined;
  try {
    engine = await createEngine({
      dataDir,
      ...(rememberAnswers !== undefined ? { rememberAnswers } : {}),
      ...(snapshotDir !== undefined ? { snapshotDir, onStartupLoad: (info: StartupLoad) => (startup = info) } : {}),
    });
  } catch (err) {
    if (err instanceof KnowledgeLoadError) {
      post({ kind: "failed", report: err.report });
      return;
    }
    throw err;
  }
  port.on("message", (call: Call) => {
    perform(engine, call).then(
      (value) => post({ kind: "reply", id: call.id, ok: true, value, ...(call.method === "reload" || call.method === "rollback" ? { meta: metaOf(engine) } : {}) }),
      (err: unknown) => post({ kind: "reply", id: call.id, ok: false, message: err instanceof Error ? err.message : String(err) }),
    );
  });
  post({ kind: "ready", meta: metaOf(engine), ...(startup ? { startup } : {}) });
}

await serve();
