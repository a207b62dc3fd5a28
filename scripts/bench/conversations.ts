/**
 * The load the benchmark sends to our bot: realistic conversations, each starting a new chat (so a
 * fifth of turns open a conversation), through every channel, with emergency interrupts and free text.
 * Every reply is checked: a turn that does not say what it must counts as a failure.
 */
export interface BenchTurn {
  /** What the person types; undefined: they open the chat. */
  text?: string;
  /** Text the reply must contain. */
  expect: string;
}

export const CONVERSATIONS: BenchTurn[][] = [
  [
    { expect: "I'm an automated helper" },
    { text: 'Report a hate crime', expect: 'in danger' },
    { text: 'No', expect: 'Did this happen to you' },
    { text: 'I saw it happen', expect: 'Witnesses can report' },
    { text: 'online please', expect: 'herts.police.uk/Report' },
  ],
  [
    { expect: "I'm an automated helper" },
    { text: 'i was attacked cos of my religion last week', expect: 'in danger' },
    { text: 'no im safe now', expect: 'Did this happen to you' },
    { text: 'It happened to me', expect: 'comfortable speaking to the police' },
    { text: "I don't want to talk to the police", expect: 'report-it.org.uk' },
  ],
  [
    { expect: "I'm an automated helper" },
    { text: 'Report a hate crime', expect: 'in danger' },
    { text: 'they are outside my door right now', expect: 'Call 999 now' },
    { text: "I'm safe now, help me report", expect: 'Did this happen to you' },
    { text: 'For someone else', expect: 'comfortable speaking to the police' },
  ],
  [
    { expect: "I'm an automated helper" },
    { text: 'can I speak to an LGBT officer', expect: 'emergency' },
    { text: 'no not urgent', expect: 'leave a message' },
    { text: 'what counts as a hate crime', expect: 'disability' },
    { text: 'yes', expect: 'in danger' },
  ],
  [
    { expect: "I'm an automated helper" },
    { text: 'purple monkey dishwasher', expect: "didn't understand" },
    { text: "I can't use the phone", expect: 'without speaking on the phone' },
    { text: 'No', expect: 'How would you like to contact them' },
    { text: 'Text relay', expect: '18001 101' },
  ],
];
