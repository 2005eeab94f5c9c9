// One line of `ask --jsonl` input: a plain question, or {"q": "...", "conversation": "id"}.
import { z } from "zod";

const Turn = z.object({ q: z.string(), conversation: z.union([z.string(), z.number()]).optional() });

export interface JsonlTurn {
  q: string;
  /** null: a single question, answered alone. */
  conversation: string | null;
}

export function parseJsonlLine(line: string): JsonlTurn {
  const t = line.trim();
  if (t.startsWith("{")) {
    try {
      const parsed = Turn.safeParse(JSON.parse(t));
      if (parsed.success) {
        const c = parsed.data.conversation;
        return { q: parsed.data.q, conversation: c === undefined ? null : String(c) };
      }
    } catch {
      // Not JSON after all: a question that starts with a brace.
    }
  }
  return { q: line, conversation: null };
}
