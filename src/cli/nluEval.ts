/**
 * `npm run nlu:eval`: how well the bot reads people it has never seen, on the held-out corpus in
 * evaluation/ (written by people who had not seen the rules or the training data, never trained on; a
 * test checks that no evaluation message is in knowledge/). Every figure can go down; every miss is listed.
 *  1. Emergencies: share answered with 999 at once (and with 999 or the danger question first), by kind.
 *  2. False alarms: share of non-emergencies answered with 999 (in-scope, near misses, out of scope and
 *     CLINC150's held-out val split).
 *  3. Out of scope kept out of hate-crime flows (and in-scope messages wrongly called out of scope).
 *  4. Routing: each in-scope first message to the flow, answer or command its label means.
 *  5. Answers typed to the bot's questions, read as the person meant (a clarifying question for an
 *     unclear one counts as right; a guess counts as wrong).
 *  6. Personas: whole conversations through the real bot, answering each question it asks in their own
 *     words; the channel reached and the turns it took.
 * Sixteen sets (EVALUATION_SETS): round1 in evaluation/, round2 to round16 in evaluation/round2/ to round16/, each
 * written by other helpers. Rounds 1 to 14 are tuning sets now (TUNING_SETS: their misses are printed and read);
 * any set not in TUNING_SETS is held out (misses never printed, so nobody tunes on them). `--set <name>` runs one.
 * `--half dev|test` scores alternate lines only: staff improving the rules look at dev's misses and
 * keep test unseen, so test's figure shows whether the improvement generalises. Writes
 * reports/nlu-eval-<set>.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadKnowledge } from '../../knowledge/loadKnowledge';
import type { Knowledge } from '../../knowledge/schema';
import { buildBot, type BotParts } from '../buildBot';
import { HATE_CHECK_FLOW, type Routed } from '../core/router';
import { ConversationDriver } from '../harness/conversationDriver';
import { readClinc } from '../nlu/models';
import { projectRoot } from '../projectRoot';

interface Miss {
  text: string;
  expected: string;
  got: string;
  why?: string;
}
interface Figure {
  name: string;
  hits: number;
  total: number;
  target?: number;
  /** Lower is better (false alarms). */
  lowerIsBetter?: boolean;
}

/**
 * The evaluation sets, each written by helpers who saw neither the rules nor the training data: round1
 * (evaluation/) to round14 are tuned against (their misses are read); round15 and round16, outside TUNING_SETS, are held out: nobody
 * reads its misses, so its figures are the honest estimate of how the bot does with people it has never seen.
 */
export const EVALUATION_SETS = ['round1', 'round2', 'round3', 'round4', 'round5', 'round6', 'round7', 'round8', 'round9', 'round10', 'round11', 'round12', 'round13', 'round14', 'round15', 'round16'] as const;
export type EvaluationSet = (typeof EVALUATION_SETS)[number];
/**
 * Sets whose misses are printed and read while improving the rules (round 2 became one on 2026-11-26, after
 * its aggregate figures had guided two sessions' thresholds; rounds 3, 4, 6 and 7 on 2026-11-27, once each had
 * been read on several versions of the code and a fresh round was commissioned; round 8 on 2026-11-27 too, when
 * round 9 was commissioned: its figures only had been read, twice; rounds 9 and 10 on 2026-11-27 (morning), when
 * round 11 was commissioned: each had been read, figures only, on two or more versions of the code; round 11 on
 * 2026-11-27 (late morning), when round 13 was commissioned: read, figures only, on two versions; rounds 12 and 13
 * on 2026-11-27 (midday), when round 14 was commissioned: each read, figures only, on three or more versions; round 14
 * on 2026-11-27 (afternoon), once round 15 had been read on the same code: read, figures only, on three versions). The others
 * are the honest estimate.
 */
export const TUNING_SETS: readonly EvaluationSet[] = ['round1', 'round2', 'round3', 'round4', 'round5', 'round6', 'round7', 'round8', 'round9', 'round10', 'round11', 'round12', 'round13', 'round14'];

export function evaluationDir(set: EvaluationSet = 'round1'): string {
  return set === 'round1' ? join(projectRoot(), 'evaluation') : join(projectRoot(), 'evaluation', set);
}

export function readJsonLines<T>(file: string, set: EvaluationSet = 'round1'): T[] {
  return readFileSync(join(evaluationDir(set), file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** Every message in evaluation/ (all sets), for the test that none of it is in the training data. */
export function evaluationTexts(): string[] {
  return EVALUATION_SETS.flatMap((set) => {
    const first = [
      ...readJsonLines<{ text: string }>('emergencies.jsonl', set),
      ...readJsonLines<{ text: string }>('first-messages.jsonl', set),
      ...readJsonLines<{ text: string }>('out-of-scope.jsonl', set),
      ...readJsonLines<{ text: string }>('answers.jsonl', set),
    ].map((x) => x.text);
    const personas = readJsonLines<Persona>('personas.jsonl', set).flatMap((p) => [p.first, ...Object.values(p.answers)]);
    return [...first, ...personas];
  });
}

interface Persona {
  name: string;
  first: string;
  answers: Record<string, string>;
  channel: string;
  first_says_who_and_when: boolean;
}

/**
 * The flow step each evaluation question is (the step's reader comes from flows.yaml), and what the person has
 * answered before it is asked: in the report flow, "who" and "police" come after "no" to the danger question.
 */
const QUESTIONS: Record<string, { flow: string; step: string; before: Record<string, string> }> = {
  danger: { flow: 'report', step: 'ask-in-danger', before: {} },
  who: { flow: 'report', step: 'ask-who', before: { 'ask-in-danger': 'no' } },
  police: { flow: 'report', step: 'ask-speak-to-police', before: { 'ask-in-danger': 'no' } },
  // "Phone or online?" is one question with "would you report to the police?" (its buttons say how).
  'phone-or-online': { flow: 'report', step: 'ask-speak-to-police', before: { 'ask-in-danger': 'no' } },
  'want-to-report': { flow: 'hate-crime-info', step: 'ask-want-to-report', before: {} },
};
/** What the bot asks (a response id) -> the persona's answer for it. */
const ASKED: Record<string, string> = {
  'q-in-danger': 'danger',
  'q-who': 'who',
  'q-speak-to-police': 'police',
  'q-want-to-report': 'want-to-report',
  'q-lgbt-urgent': 'lgbt-urgent',
  'q-accessible-how': 'phone-or-online',
};
/** The menus' questions, and the button a persona with a hate crime to report taps there. */
const MENU_QUESTIONS = new Set(['q-main-menu', 'q-anything-else']);
const REPORT_BUTTON = 'btn-report';
/** Every persona's story is about hate: asked whether it was because of who someone is, they say so. */
const HATE_CHECK_ANSWER = 'yes';

/** A message reduced for comparing: lower case, letters and digits only. */
export function textKey(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Every training text in knowledge/, as keys: evaluation messages also written there are not scored. */
export function trainingKeys(k: Knowledge): Set<string> {
  return new Set(
    [
      ...k.intents.flatMap((i) => i.utterances),
      ...Object.values(k.understanding.topics).flat(),
      ...Object.values(k.understanding.outOfScope).flatMap((l) => l ?? []),
      ...k.understanding.danger.emergency,
      ...k.understanding.danger['not-emergency'],
      ...Object.values(k.understanding.answers).flatMap((byMeaning) => Object.values(byMeaning).flat()),
    ].map(textKey),
  );
}

export interface EvalReport {
  set: EvaluationSet;
  half: string;
  /** Evaluation messages that the training data also happens to hold (written apart, same words): not scored. */
  skipped: number;
  figures: Figure[];
  misses: Record<string, Miss[]>;
  personas: { name: string; channel: string; got: string; turns: number; saysWhoAndWhen: boolean }[];
}

export async function evaluate(k: Knowledge, half: 'all' | 'dev' | 'test' = 'all', set: EvaluationSet = 'round1'): Promise<EvalReport> {
  const read = <T>(file: string) => readJsonLines<T>(file, set);
  const parts = buildBot(k, { traceAllChannels: true });
  const { recognizer, router } = parts;
  const seen = trainingKeys(k);
  let skipped = 0;
  const unseen = (text: string) => {
    if (!seen.has(textKey(text))) return true;
    skipped += 1;
    return false;
  };
  const keep = <T extends { text: string } | string>(items: T[]) =>
    items.filter((x, i) => (half === 'all' || (half === 'dev' ? i % 2 === 0 : i % 2 === 1)) && unseen(typeof x === 'string' ? x : x.text));
  const figures: Figure[] = [];
  const misses: Record<string, Miss[]> = {};
  const record = (name: string, ok: boolean, miss: Miss, target?: number, lowerIsBetter = false) => {
    let f = figures.find((x) => x.name === name);
    if (!f) figures.push((f = { name, hits: 0, total: 0, target, lowerIsBetter }));
    f.total += 1;
    // For a lower-is-better figure `ok` is the bad event (a false alarm): counted, and listed.
    if (ok) f.hits += 1;
    if (ok === lowerIsBetter) (misses[name] ??= []).push(miss);
  };
  const topLevel = (text: string): Routed => {
    const decision = recognizer.recognize(text);
    return router.interruption(text, decision) ?? router.topLevel(text, decision);
  };
  const describe = (r: Routed) => (r.action.kind === 'flow' ? `flow ${r.action.flowId}` : r.action.kind === 'answer' ? `answer ${r.action.intent}` : r.action.kind);

  // 1. Emergencies
  for (const e of keep(read<{ text: string; kind: string }>('emergencies.jsonl'))) {
    const d = recognizer.recognize(e.text);
    record('emergency recall (999 at once)', d.danger.level === 'now', { text: e.text, expected: `999 (${e.kind})`, got: d.danger.level, why: d.danger.reason }, 0.99);
    record('emergency recall (999, or the danger question first)', d.danger.level !== 'no', { text: e.text, expected: `999 (${e.kind})`, got: d.danger.level, why: d.danger.reason });
    record(`  emergencies: ${e.kind}`, d.danger.level === 'now', { text: e.text, expected: '999', got: d.danger.level, why: d.danger.reason });
  }

  // 2-4. First messages: in scope, near misses, out of scope
  const first = keep(read<{ text: string; label: string }>('first-messages.jsonl'));
  const outOfScope = keep(read<{ text: string; kind: string }>('out-of-scope.jsonl'));
  // CLINC150's held-out split is scored with round 1 only, so each set's figures stand apart.
  const clinc = set === 'round1' ? keep([...readClinc('val'), ...readClinc('oos_val')]) : [];
  const nonEmergencies = [...first.map((m) => ({ text: m.text, source: m.label })), ...outOfScope.map((m) => ({ text: m.text, source: `out-of-scope ${m.kind}` })), ...clinc.map((text) => ({ text, source: 'CLINC150 val' }))];
  for (const m of nonEmergencies) {
    const d = recognizer.recognize(m.text);
    record('false alarms (999 for a non-emergency)', d.danger.level === 'now', { text: m.text, expected: `no 999 (${m.source})`, got: d.danger.level, why: d.danger.reason }, 0.01, true);
    record('  non-emergencies asked the danger question first', d.danger.level === 'maybe', { text: m.text, expected: 'no', got: 'maybe', why: d.danger.reason }, undefined, true);
  }
  const flowOf = (intentId: string) => k.intents.find((i) => i.id === intentId)?.flow;
  for (const m of [...outOfScope.map((x) => ({ text: x.text, kind: x.kind })), ...clinc.map((text) => ({ text, kind: 'CLINC150 val' }))]) {
    const r = topLevel(m.text);
    // Asking whether it was because of who someone is (flow hate-check) offers no hate-crime route yet.
    const intoFlow = (r.action.kind === 'flow' && r.action.flowId !== HATE_CHECK_FLOW) || r.action.kind === 'clarify' || r.action.kind === 'emergency';
    record('out of scope kept out of hate-crime flows', !intoFlow, { text: m.text, expected: `out of scope (${m.kind})`, got: describe(r), why: r.how }, 0.95);
    if (m.kind !== 'CLINC150 val') record('  out of scope recognised as such (helpers\' set)', r.action.kind === 'out-of-scope', { text: m.text, expected: `out of scope (${m.kind})`, got: describe(r), why: r.how });
    if (r.action.kind === 'out-of-scope' && m.kind !== 'CLINC150 val') record('  out-of-scope kind right', r.action.outOfScope === m.kind, { text: m.text, expected: m.kind, got: r.action.outOfScope, why: r.how });
  }
  for (const m of first) {
    const r = topLevel(m.text);
    record('  in-scope messages wrongly called out of scope', r.action.kind === 'out-of-scope', { text: m.text, expected: m.label, got: describe(r), why: r.how }, undefined, true);
    if (m.label === 'near-miss') {
      record('  near misses (past or negated violence) into a report, not 999', r.action.kind === 'flow' || r.action.kind === 'answer', { text: m.text, expected: 'a report flow', got: describe(r), why: r.how });
      continue;
    }
    const intent = k.intents.find((i) => i.id === m.label);
    const expectedFlow = flowOf(m.label);
    let ok: boolean;
    if (expectedFlow) ok = r.action.kind === 'flow' && r.action.flowId === expectedFlow;
    else if (intent?.interrupt) ok = r.action.kind === intent.interrupt;
    else ok = r.action.kind === 'answer' && r.action.intent === m.label;
    // Asking which of two things was meant, when one of them is right, is not a wrong route; nor is asking
    // whether a report was about who someone is, when "yes" leads on to the right flow.
    if (!ok && r.action.kind === 'clarify' && r.action.intents.includes(m.label)) ok = true;
    const askedIfHate = r.action.kind === 'flow' && r.action.flowId === HATE_CHECK_FLOW;
    if (!ok && askedIfHate && expectedFlow === 'report') ok = true;
    record('  in-scope reports first asked whether it was about who someone is', askedIfHate, { text: m.text, expected: m.label, got: 'asked' }, undefined, true);
    record('routing (in-scope first messages)', ok, { text: m.text, expected: expectedFlow ? `flow ${expectedFlow} (${m.label})` : m.label, got: describe(r), why: r.how }, 0.95);
  }

  // 5. Answers typed to the bot's questions
  for (const a of keep(read<{ question: string; text: string; answer: string }>('answers.jsonl'))) {
    const q = QUESTIONS[a.question];
    if (!q) continue;
    const d = recognizer.recognize(a.text);
    const step = k.flows[q.flow]!.steps.find((s) => s.id === q.step)!;
    // As the bot does: the emergency check first (which weighs a "no" to the danger question already given).
    const position = { flowId: q.flow, stepId: q.step, presets: q.before };
    const emergency = parts.router.interruption(a.text, d, position)?.action.kind === 'emergency';
    const match = emergency ? { value: 'yes', how: 'emergency: 999' } : parts.engine.matchAnswer(position, a.text, d);
    let got: string;
    if (!match) got = 'unclear';
    else if ('choice' in match) got = (match.choice.means ?? [match.choice.id])[0]!;
    else got = match.value;
    // "yes, by phone" answers "would you speak to the police?" with yes.
    const same = got === a.answer || (a.question === 'police' && a.answer === 'yes' && (got === 'phone' || got === 'online'));
    const strict = same || (a.answer === 'unclear' && got === 'unclear');
    // Read as another answer that takes the person to the same place ("not sure, he said he'd be back" read as
    // yes to "is anyone in danger?": both lead to 999) is not a wrong route; the strict figure below counts it.
    const nextOf = (meaning: string) => step.choices.find((c) => (c.means ?? [c.id]).includes(meaning))?.next;
    const sameDestination = !strict && got !== 'unclear' && a.answer !== 'unclear' && nextOf(got) !== undefined && nextOf(got) === nextOf(a.answer);
    const ok = strict || sameDestination;
    const choiceIds = step.choices.map((c) => c.id).join('/');
    record('in-flow answers read correctly', ok, { text: a.text, expected: `${a.question}: ${a.answer}`, got, why: match && 'how' in match ? match.how : `no choice of ${choiceIds} read` }, 0.97);
    record('  answers read as exactly the meaning written (strict)', strict, { text: a.text, expected: `${a.question}: ${a.answer}`, got });
    record(`  answers: ${a.question}`, ok, { text: a.text, expected: a.answer, got });
    record('  answers guessed wrong (not asked again)', !ok && got !== 'unclear', { text: a.text, expected: `${a.question}: ${a.answer}`, got }, undefined, true);
  }

  // 6. Personas
  const personas: EvalReport['personas'] = [];
  for (const p of read<Persona>('personas.jsonl').filter((_p, i) => half === 'all' || (half === 'dev' ? i % 2 === 0 : i % 2 === 1))) {
    const result = await runPersona(parts, p);
    // An answer that gives two channels ("call-101 or online-report") reaches each of them.
    const reached = result.channel !== undefined && result.channel.split(' or ').includes(p.channel);
    personas.push({ name: p.name, channel: p.channel, got: reached ? p.channel : (result.channel ?? 'none'), turns: result.turns, saysWhoAndWhen: p.first_says_who_and_when });
    record('personas reaching their channel', reached, { text: p.first, expected: p.channel, got: result.channel ?? `stuck (${result.stuck})` });
    if (p.first_says_who_and_when && p.channel !== 'call-999') {
      record('  personas whose first message says who and when: channel in <= 2 turns', reached && result.turns <= 2, { text: p.first, expected: `${p.channel} in <= 2 turns`, got: `${result.channel ?? 'none'} in ${result.turns}` });
    }
  }
  return { set, half, skipped, figures, misses, personas };
}

/** The button of a clarifying question whose intent points to `channel` first, else one that points to it at all, else the first. */
function chooseButton(parts: BotParts, buttons: string[], channel: string): string | undefined {
  const channelsOf = (title: string) => parts.knowledge.intents.find((i) => i.label && parts.responder.text(i.label) === title)?.channels ?? [];
  return buttons.find((b) => channelsOf(b)[0] === channel) ?? buttons.find((b) => channelsOf(b).includes(channel as never)) ?? buttons[0];
}

async function runPersona(parts: BotParts, p: Persona): Promise<{ channel?: string; turns: number; stuck?: string }> {
  const driver = new ConversationDriver(parts.bot);
  await driver.join();
  let reply = await driver.say(p.first);
  for (let turns = 1; turns <= 6; turns++) {
    const outcome = reply.explanation?.outcome;
    if (outcome) return { channel: outcome, turns };
    const responses = reply.explanation?.responses ?? [];
    const asked = [...responses].reverse().find((id) => ASKED[id]);
    // Shown the menu with nothing asked ("hi" -> "How can I help?"), a person who came to report taps "Report".
    const atMenu = !asked && responses.some((id) => MENU_QUESTIONS.has(id));
    // Asked which of two things they meant, a person taps the one that fits what they came for.
    const clarify = !asked && responses.includes('q-clarify') ? chooseButton(parts, reply.buttons, p.channel) : undefined;
    const answer = responses.includes('q-because-of-who') ? HATE_CHECK_ANSWER : asked ? p.answers[ASKED[asked]!] : atMenu ? parts.responder.text(REPORT_BUTTON) : clarify;
    if (!answer) return { turns, stuck: reply.explanation?.responses.filter((id) => id.startsWith('q-')).join(' ') ?? 'no question' };
    reply = await driver.say(answer);
  }
  return { turns: 7, stuck: 'too many turns' };
}

function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function formatReport(report: EvalReport, showMisses: boolean): string {
  const lines = [
    `Held-out evaluation, ${report.set} (${relative(projectRoot(), evaluationDir(report.set))}/, ${report.half === 'all' ? 'every message' : `the ${report.half} half`}): messages nobody on the project trained on`,
    `(${report.skipped} evaluation messages that the training data happens to hold too are not scored)`,
    '',
  ];
  for (const f of report.figures) {
    const rate = f.total ? f.hits / f.total : 0;
    const target = f.target === undefined ? '' : f.lowerIsBetter ? `  (target <= ${percent(f.target)}: ${rate <= f.target ? 'met' : 'MISSED'})` : `  (target >= ${percent(f.target)}: ${rate >= f.target ? 'met' : 'MISSED'})`;
    lines.push(`${f.name.padEnd(78)} ${percent(rate).padStart(7)}  ${String(f.hits).padStart(5)}/${f.total}${target}`);
  }
  const turns = report.personas.filter((p) => p.got === p.channel).map((p) => p.turns).sort((a, b) => a - b);
  if (turns.length > 0) lines.push(`${'personas: turns to their channel (median, max)'.padEnd(78)} ${String(turns[Math.floor(turns.length / 2)]).padStart(7)}  max ${turns[turns.length - 1]}`);
  if (showMisses) {
    for (const [name, list] of Object.entries(report.misses)) {
      if (name.startsWith('  ') && !name.includes('kind') && !name.includes('guessed') && !name.includes('turns')) continue;
      lines.push('', `${name.trim()}: ${list.length} missed`);
      for (const m of list.slice(0, 400)) lines.push(`  - "${m.text}"  expected ${m.expected}, got ${m.got}${m.why ? `  [${m.why}]` : ''}`);
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const halfArg = args[args.indexOf('--half') + 1];
  const half = args.includes('--half') && (halfArg === 'dev' || halfArg === 'test') ? halfArg : 'all';
  const setArg = args[args.indexOf('--set') + 1];
  const sets = args.includes('--set') ? EVALUATION_SETS.filter((s) => s === setArg) : [...EVALUATION_SETS];
  if (sets.length === 0) throw new Error(`--set must be one of ${EVALUATION_SETS.join(', ')}`);
  const k = loadKnowledge();
  const dir = join(projectRoot(), 'reports');
  mkdirSync(dir, { recursive: true });
  for (const set of sets) {
    const report = await evaluate(k, half, set);
    // Only the tuning sets' misses are printed: reading the others' would turn them into tuning sets too.
    console.log(formatReport(report, TUNING_SETS.includes(set) && !args.includes('--quiet')), '\n');
    writeFileSync(join(dir, `nlu-eval-${set}.json`), JSON.stringify(report, null, 2));
  }
}

if (require.main === module && process.argv[1]?.endsWith('nluEval.js')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
