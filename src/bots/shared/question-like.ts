// Whether a message in a conversation the bot took part in is put to it: a thread reply
// without a mention is answered only when it reads as a question, so that "thanks!" or a
// remark to the others in the thread is left alone.
const ACK = /^(?:thanks?(?: you)?|thx|ty|ok(?:ay)?|cool|nice|great|got it|lol|haha|yes|no|yep|nope|sure|고마워(?:요)?|감사(?:합니다|해요)?|ㄳ|ㅋ+|ㅎ+|ㅇㅋ|오케이|알겠(?:어|습니다)(?:요)?|네|응|그렇구나|좋아(?:요)?)[\s!.~]*$/iu;
const EN_START = /^(?:and\s+|so\s+|but\s+|then\s+|ok(?:ay)?,?\s+)?(?:what|which|who|whom|whose|why|when|where|how|is|are|was|were|did|do|does|can|could|will|would|should|has|have|had|tell|explain|show|list|describe|give|any)\b/iu;
const KO_ASKS = /뭐|무엇|무슨|어디|언제|왜|몇|얼마|누구|누가|어느|어떤|어떻게|며칠|[까냐니나](?:요)?[\s.]*$|(?:했어|였어|됐어|있어|없어|이야|인가|는가|는지|거야|래|대)(?:요)?[\s.]*$|알려\s?줘|설명/u;

/** True when `text` reads as a question: a question mark, a question word or a question ending. */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim();
  if (!/\p{L}|\p{N}/u.test(t) || ACK.test(t)) return false;
  if (/[?？]\s*$/u.test(t)) return true;
  return EN_START.test(t) || KO_ASKS.test(t);
}
