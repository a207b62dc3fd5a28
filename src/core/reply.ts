/** What the bot says in one message, independent of any chat SDK. */
export interface Button {
  /** What the button shows. */
  label: string;
  /** What it sends back as the user's message. */
  value: string;
}

export interface Reply {
  /** The knowledge/ response ids this message is made of, for tests and audits. */
  responseIds: string[];
  text: string;
  buttons: Button[];
  /** The channel this message points the person to, when it is an outcome ("call-101 or online-report" when it gives two). */
  channel?: string;
}
