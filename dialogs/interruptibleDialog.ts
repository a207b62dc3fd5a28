/**
 * The base of the main dialog: checks interruptions on every turn, in onBeginDialog as well as
 * onContinueDialog, so that even a first message "someone is at my door" gets 999 at once.
 * Order: emergency, then start again, then help (answer, then ask the same question again).
 */
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
// The package index also loads every prompt and the Recognizers-Text suites (~300 ms at start-up); we use none.
import { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
import { DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
import type { Responder } from '../src/core/responder';
import type { Routed, Router } from '../src/core/router';
import { FlowDialog } from './flowDialog';
import { turnInput } from './turnState';

export abstract class InterruptibleDialog extends ComponentDialog {
  constructor(
    id: string,
    protected readonly router: Router,
    protected readonly responder: Responder,
  ) {
    super(id);
  }

  protected override async onBeginDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? this.onTurn(innerDc);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? this.onTurn(innerDc);
  }

  /** The turn when nothing interrupted it. */
  protected abstract onTurn(innerDc: DialogContext): Promise<DialogTurnResult>;

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { text, decision, output } = turnInput(innerDc.context);
    if (decision.personalDetails) {
      output.say(['r-personal-details']);
      output.note('personal details spotted: reminded that this chat keeps nothing');
    }
    const routed = this.router.interruption(text, decision, FlowDialog.waitingPosition(innerDc));
    if (!routed) return undefined;
    output.visited.interrupts.push(`${routed.action.kind}@${FlowDialog.waitingStep(innerDc) ?? 'start'}`);
    return this.interruptWith(innerDc, routed);
  }

  /** Emergency, start again, help or forget; undefined for any other action. */
  protected async interruptWith(innerDc: DialogContext, routed: Routed): Promise<DialogTurnResult | undefined> {
    const { output } = turnInput(innerDc.context);
    switch (routed.action.kind) {
      case 'emergency':
        output.note(`interrupt: emergency (${routed.how})`);
        output.emergency();
        await innerDc.cancelAllDialogs();
        return { status: DialogTurnStatus.complete };
      case 'restart':
        output.note(`interrupt: start again (${routed.how})`);
        output.say(['r-restarted']);
        output.menu('main');
        await innerDc.cancelAllDialogs();
        return { status: DialogTurnStatus.complete };
      case 'forget':
        output.note(`interrupt: forget this conversation (${routed.how}); its state is deleted after this turn`);
        output.say(['r-forgotten']);
        output.menu('main');
        output.forget = true;
        await innerDc.cancelAllDialogs();
        return { status: DialogTurnStatus.complete };
      case 'help':
        output.note(`interrupt: help (${routed.how})`);
        output.say(['r-help']);
        if (innerDc.activeDialog) {
          await innerDc.repromptDialog();
          return { status: DialogTurnStatus.waiting };
        }
        output.menu('main');
        return { status: DialogTurnStatus.complete };
      default:
        return undefined;
    }
  }
}
