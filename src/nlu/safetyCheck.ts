/**
 * The emergency check. Deterministic, so the same words always give the same answer, and run before
 * the classifier on every message. A cue phrase (knowledge/safety.yaml) counts unless a negation stands
 * just before it in its clause, or its clause speaks only of the past. With no sign of tense it counts:
 * the check errs towards safety.
 */
import type { NormalizedText } from './textNormalizer';

export interface SafetyRules {
  cues: { id: string; phrases: string[] }[];
  callForHelp: { words: string[]; urgentWords: string[]; fillerWords: string[] };
  negations: string[];
  negationWindow: number;
  pastMarkers: string[];
  presentMarkers: string[];
}

export interface SafetyResult {
  emergency: boolean;
  /** The cue category that fired, e.g. "attacker-present". */
  cue?: string;
  /** The phrase that fired. */
  phrase?: string;
  /** Why, in a sentence for staff. */
  reason: string;
}

interface CompiledCue {
  id: string;
  phrase: string;
  tokens: string[];
}

export class SafetyCheck {
  private readonly byFirstToken = new Map<string, CompiledCue[]>();
  private readonly negations: Set<string>;
  private readonly past: Set<string>;
  private readonly present: Set<string>;
  private readonly helpWords: Set<string>;
  private readonly urgentWords: Set<string>;
  private readonly fillerWords: Set<string>;

  /** `tokenize` must be the same normalisation the messages get, so cue phrases match them. */
  constructor(
    private readonly rules: SafetyRules,
    tokenize: (phrase: string) => string[],
  ) {
    for (const cue of rules.cues) {
      for (const phrase of cue.phrases) {
        const tokens = tokenize(phrase);
        if (tokens.length === 0) continue;
        const list = this.byFirstToken.get(tokens[0]!) ?? [];
        list.push({ id: cue.id, phrase, tokens });
        this.byFirstToken.set(tokens[0]!, list);
      }
    }
    // Longest phrase first, so "not safe" is preferred to a shorter overlapping cue.
    for (const list of this.byFirstToken.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
    this.negations = new Set(rules.negations);
    this.past = new Set(rules.pastMarkers);
    this.present = new Set(rules.presentMarkers);
    this.helpWords = new Set(rules.callForHelp.words);
    this.urgentWords = new Set(rules.callForHelp.urgentWords);
    this.fillerWords = new Set(rules.callForHelp.fillerWords);
  }

  /** Every word the rules use: the typo corrector's targets. */
  static vocabulary(rules: SafetyRules, tokenize: (phrase: string) => string[]): string[] {
    return [
      ...rules.cues.flatMap((c) => c.phrases.flatMap(tokenize)),
      ...rules.callForHelp.words,
      ...rules.negations,
      ...rules.pastMarkers,
      ...rules.presentMarkers,
    ];
  }

  check(text: NormalizedText): SafetyResult {
    const cry = this.cryForHelp(text);
    if (cry) return cry;
    let discounted: SafetyResult | undefined;
    for (const clause of text.clauses) {
      const isPast = clause.some((t) => this.past.has(t)) && !clause.some((t) => this.present.has(t));
      for (let i = 0; i < clause.length; i++) {
        const candidates = this.byFirstToken.get(clause[i]!);
        if (!candidates) continue;
        for (const cue of candidates) {
          if (!matchesAt(clause, i, cue.tokens)) continue;
          const negation = this.negationBefore(clause, i);
          if (negation) {
            discounted ??= { emergency: false, cue: cue.id, phrase: cue.phrase, reason: `cue "${cue.phrase}" (${cue.id}) negated by "${negation}"` };
          } else if (isPast) {
            discounted ??= { emergency: false, cue: cue.id, phrase: cue.phrase, reason: `cue "${cue.phrase}" (${cue.id}) is in the past: no present-tense marker in its clause` };
          } else {
            return { emergency: true, cue: cue.id, phrase: cue.phrase, reason: `emergency rule: cue "${cue.phrase}" (${cue.id}), not negated, not in the past` };
          }
          break;
        }
      }
    }
    return discounted ?? { emergency: false, reason: 'no emergency cue' };
  }

  private negationBefore(clause: string[], index: number): string | undefined {
    for (let j = Math.max(0, index - this.rules.negationWindow); j < index; j++) {
      if (this.negations.has(clause[j]!)) return clause[j];
    }
    return undefined;
  }

  /** "HELP!!", "sos", "someone help me": only help words, with urgency. A plain "help" is a question. */
  private cryForHelp(text: NormalizedText): SafetyResult | undefined {
    const tokens = text.tokens.filter((t) => !this.fillerWords.has(t));
    if (tokens.length === 0 || tokens.length > 6 || !tokens.every((t) => this.helpWords.has(t))) return undefined;
    if (!tokens.some((t) => t === 'help' || t === 'sos' || t === 'mayday')) return undefined;
    const urgent = text.shouted || text.exclaimed || tokens.some((t) => this.urgentWords.has(t));
    if (!urgent) return undefined;
    return { emergency: true, cue: 'call-for-help', phrase: tokens.join(' '), reason: 'emergency rule: a cry for help (only help words, with urgency)' };
  }
}

function matchesAt(clause: string[], index: number, tokens: string[]): boolean {
  if (index + tokens.length > clause.length) return false;
  for (let k = 0; k < tokens.length; k++) if (clause[index + k] !== tokens[k]) return false;
  return true;
}
