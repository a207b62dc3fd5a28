/**
 * What the bot works out once per turn and every dialog reads: the message text, the recognizer's
 * decision and the turn's output. Kept in the TurnContext's turn state, never in stored state.
 */
import type { TurnContext } from 'botbuilder';
import type { TurnOutput } from '../src/core/turnOutput';
import type { Decision } from '../src/nlu/recognizer';

export interface TurnInput {
  /** The message text, trimmed; empty when the message had none (an attachment, a sticker). */
  text: string;
  decision: Decision;
  output: TurnOutput;
}

const TURN_INPUT = Symbol('signpost.turnInput');

export function setTurnInput(context: TurnContext, input: TurnInput): void {
  context.turnState.set(TURN_INPUT, input);
}

/** Undefined on turns that were not messages (a join, an odd activity). */
export function turnInputIfAny(context: TurnContext): TurnInput | undefined {
  return context.turnState.get<TurnInput | undefined>(TURN_INPUT);
}

export function turnInput(context: TurnContext): TurnInput {
  const input = context.turnState.get<TurnInput | undefined>(TURN_INPUT);
  if (!input) throw new Error('turn input not set: the bot must recognise the message before running dialogs');
  return input;
}
