/**
 * Name-calling, told apart from a phone call or a message: "they called me a p*ki", "calling us names" are
 * abuse aimed at the writer; "my son called me", "call them tomorrow" are not. One reading, used by the slots
 * (whom it happened to) and by the answer readers (which way of reporting someone names).
 */
import type { Token } from './annotator';

/** The forms of "call", a phone call or a name. */
export const CALL_WORDS: ReadonlySet<string> = new Set(['call', 'calls', 'calling', 'called']);
const OBJECT_PRONOUNS = new Set(['me', 'him', 'her', 'us', 'them', 'you']);

/** "a ...", "names", a describing word or a noun after "called me" ("called me scum"): what they were called. */
export function namesFollow(next: Token | undefined): boolean {
  // "called me last night" is a phone call: a time is no name.
  if (next === undefined || ['last', 'next', 'this', 'back', 'earlier', 'yesterday', 'today', 'tonight', 'again'].includes(next.word)) return false;
  return ['a', 'an', 'names', 'name'].includes(next.word) || next.pos === 'ADJ' || next.pos === 'PROPN' || next.pos === 'NOUN';
}

/** Words after "call them" that keep it a phone call ("call them back", "call them tomorrow"). */
const PHONE_CALL_FOLLOWERS = new Set(['back', 'on', 'up', 'again', 'later', 'about', 'tomorrow', 'today', 'tonight', 'when', 'if', 'and', 'or', 'but', 'now']);

/** Before "called": the passive ("id get called a grass", "being called names"). */
const PASSIVE_BEFORE = new Set(['get', 'gets', 'got', 'getting', 'been', 'being', 'was', 'were', 'is', 'am', 'are', 'be']);

/**
 * The call word at `i` is name-calling: its object is followed by anything but what keeps a phone call one
 * ("calling me polish scum", "called him it"). Wider than `namesFollow`, which must be sure before it says
 * whom something happened to; here a miss would read abuse as wanting the phone.
 */
export function nameCalling(tokens: readonly Token[], i: number): boolean {
  if (!CALL_WORDS.has(tokens[i]?.word ?? '')) return false;
  // "id get called a grass", "being called names": called, in the passive, what follows is a name.
  if (PASSIVE_BEFORE.has(tokens[i - 1]?.word ?? '') && namesFollow(tokens[i + 1])) return true;
  const after = tokens[i + 2]?.word;
  return OBJECT_PRONOUNS.has(tokens[i + 1]?.word ?? '') && after !== undefined && !PHONE_CALL_FOLLOWERS.has(after);
}
