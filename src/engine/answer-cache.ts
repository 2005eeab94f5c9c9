// Answers to repeated questions. An answer is a pure function of the question and the
// snapshot it is asked on, so answers are kept per snapshot: a reload or a rollback starts
// afresh, and a replaced snapshot's answers go with it. Chat repeats itself (the same
// question from several people, a question asked again after a follow-up), and a cached
// answer costs a lookup instead of a search.
import { Lru } from "../lru.ts";
import { MAX_QUESTION_CHARS } from "../answer/answer.ts";
import type { Answer } from "../answer/types.ts";

export const REMEMBERED_ANSWERS = 1_000;

export interface AnswerCacheStats {
  hits: number;
  misses: number;
}

export interface AnswerCache<S extends object> {
  ask(question: string, snapshot: S): Answer;
  stats(): AnswerCacheStats;
}

/** Shared answers are frozen: an adapter that changed one would change it for everyone. */
function frozen(a: Answer): Answer {
  for (const c of a.citations) Object.freeze(c);
  Object.freeze(a.citations);
  Object.freeze(a.suggestions);
  return Object.freeze(a);
}

/** `max` answers per snapshot; 0 answers every question afresh. */
export function createAnswerCache<S extends object>(
  compute: (question: string, snapshot: S) => Answer,
  max = REMEMBERED_ANSWERS,
): AnswerCache<S> {
  const bySnapshot = new WeakMap<S, Lru<string, Answer>>();
  let hits = 0;
  let misses = 0;
  return {
    ask(question, snapshot) {
      // A question far past the length answered is cut anyway; not worth its memory.
      if (max === 0 || question.length > 2 * MAX_QUESTION_CHARS) {
        misses += 1;
        return compute(question, snapshot);
      }
      let answers = bySnapshot.get(snapshot);
      if (!answers) bySnapshot.set(snapshot, (answers = new Lru(max)));
      const known = answers.get(question);
      if (known) {
        hits += 1;
        return known;
      }
      misses += 1;
      const fresh = frozen(compute(question, snapshot));
      answers.set(question, fresh);
      return fresh;
    },
    stats: () => ({ hits, misses }),
  };
}
