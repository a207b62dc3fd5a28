/** Shared by the tests: the real knowledge and one recognizer (the slowest part to build). */
import { loadKnowledge } from '../knowledge/loadKnowledge';
import type { Knowledge } from '../knowledge/schema';
import { buildBot, type BotParts, type BuildOptions } from '../src/buildBot';
import { Recognizer } from '../src/nlu/recognizer';

let knowledge: Knowledge | undefined;
let recognizer: Recognizer | undefined;

export function realKnowledge(): Knowledge {
  knowledge ??= loadKnowledge();
  return knowledge;
}

export function realRecognizer(): Recognizer {
  recognizer ??= Recognizer.fromKnowledge(realKnowledge());
  return recognizer;
}

export function realBot(options: BuildOptions = {}): BotParts {
  return buildBot(realKnowledge(), { recognizer: realRecognizer(), ...options });
}
