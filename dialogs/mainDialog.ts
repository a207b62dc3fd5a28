/**
 * The dialog at the bottom of the stack. After the interruptions (see InterruptibleDialog), it either
 * passes the turn to the running flow or, with no question waiting, routes the message: start a flow,
 * answer, ask which of two things was meant, or offer the menu.
 */
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
// The package index also loads every prompt and the Recognizers-Text suites (~300 ms at start-up); we use none.
import { DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
import type { Responder } from '../src/core/responder';
import type { Routed, Router } from '../src/core/router';
import { FLOW_DIALOG, type FlowDialog, type FlowOptions, type FlowResult } from './flowDialog';
import { InterruptibleDialog } from './interruptibleDialog';
import { turnInput } from './turnState';

export const MAIN_DIALOG = 'main';

/** The flow in which the LGBT+ Liaison note is given when sexual orientation or gender identity comes up. */
const REPORT_FLOW = 'report';

export class MainDialog extends InterruptibleDialog {
  constructor(router: Router, responder: Responder, flowDialog: FlowDialog) {
    super(MAIN_DIALOG, router, responder);
    this.addDialog(flowDialog);
  }

  protected async onTurn(innerDc: DialogContext): Promise<DialogTurnResult> {
    const { text, decision } = turnInput(innerDc.context);
    let result: DialogTurnResult;
    if (innerDc.activeDialog) {
      result = await innerDc.continueDialog();
      const reroute = (result.result as FlowResult | undefined)?.reroute;
      if (result.status === DialogTurnStatus.complete && reroute) result = await this.act(innerDc, reroute);
    } else {
      result = await this.act(innerDc, this.router.topLevel(text, decision));
    }
    this.noteLgbtSupport(innerDc);
    return result;
  }

  private async act(innerDc: DialogContext, routed: Routed): Promise<DialogTurnResult> {
    const { text, output } = turnInput(innerDc.context);
    const { action } = routed;
    if (action.kind === 'flow' || action.kind === 'answer') output.visited.intents.push(action.intent);
    switch (action.kind) {
      case 'flow':
        output.note(`start flow "${action.flowId}" for intent "${action.intent}" (${routed.how})`);
        return innerDc.beginDialog(FLOW_DIALOG, { flowId: action.flowId, presets: action.presets } satisfies FlowOptions);
      case 'answer':
        output.note(`answer "${action.intent}" (${routed.how})`);
        output.say(action.responseIds);
        output.menu(action.menu);
        return { status: DialogTurnStatus.complete };
      case 'clarify': {
        output.note(`clarify between "${action.intents[0]}" and "${action.intents[1]}" (${routed.how})`);
        const labels = action.intents.map((id) => this.router.intent(id)!.label!);
        output.add({ responseIds: ['q-clarify'], text: this.responder.text('q-clarify'), buttons: labels.map((l) => this.responder.button(l)) });
        return { status: DialogTurnStatus.complete };
      }
      case 'out-of-scope':
        output.note(`out of scope (${action.outOfScope}): said what this chat is for (${routed.how})`);
        output.say([`r-out-of-scope-${action.outOfScope}`]);
        output.menu('main');
        return { status: DialogTurnStatus.complete };
      case 'fallback':
        output.note(`fallback: menu offered (${routed.how})`);
        output.say([text ? 'r-fallback' : 'r-not-text']);
        output.menu('main');
        return { status: DialogTurnStatus.complete };
      default:
        return (await this.interruptWith(innerDc, routed)) ?? { status: DialogTurnStatus.complete };
    }
  }

  /** Sexual orientation or gender identity came up while reporting: mention LGBT+ Liaison Officers. */
  private noteLgbtSupport(innerDc: DialogContext): void {
    const { decision, output } = turnInput(innerDc.context);
    if (decision.lgbtMention && !decision.emergency && output.flows.has(REPORT_FLOW)) {
      output.note('LGBT+ topic mentioned while reporting: LGBT+ Liaison note added');
      output.say(['r-lgbt-note']);
    }
  }
}
