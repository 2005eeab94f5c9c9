// npm run ask -- "question"            readable answer with citations
// npm run --silent ask -- --json "q"   one JSON object
// npm run --silent ask -- --jsonl      one question a line on stdin → one JSON line each;
//                                      {"q": "...", "conversation": "id"} lines are turns of a conversation
import { createInterface } from "node:readline";
import { createEngine } from "../engine/engine.ts";
import { toJson, renderText } from "../bots/terminal/render.ts";
import { dataDirFromEnv, exitOnLoadError } from "./common.ts";
import { createMemoryConversationStore } from "../engine/conversation-store.ts";
import { askInConversation } from "../engine/conversation.ts";
import { parseJsonlLine } from "./jsonl-input.ts";

async function main(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  const jsonl = argv.includes("--jsonl");
  const question = argv.filter((a) => !a.startsWith("--")).join(" ");
  const engine = await createEngine({ dataDir: dataDirFromEnv() }).catch(exitOnLoadError);

  if (jsonl) {
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    // A script's conversations last as long as its input does.
    const conversations = createMemoryConversationStore({ ttlMs: Number.MAX_SAFE_INTEGER });
    for await (const line of rl) {
      const turn = parseJsonlLine(line);
      if (turn.conversation === null) {
        process.stdout.write(JSON.stringify(toJson(engine.ask(turn.q))) + "\n");
        continue;
      }
      const a = await askInConversation(engine, conversations, turn.conversation, turn.q);
      process.stdout.write(JSON.stringify({ ...toJson(a), ...(a.resolved ? { resolved: a.resolved } : {}) }) + "\n");
    }
    return 0;
  }
  if (!question.trim()) {
    process.stderr.write('usage: npm run ask -- [--json] "question"  |  npm run --silent ask -- --jsonl < questions.txt\n');
    return 2;
  }
  const a = engine.ask(question);
  process.stdout.write(json ? JSON.stringify(toJson(a)) + "\n" : renderText(a) + "\n");
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
