// What the session asks, as data. The engine calls an injected `ask` with these questions: the
// terminal adapter (terminal-ask.ts) shows them with @inquirer/prompts, tests script the answers.
// The engine itself never imports inquirer.

export interface ActionChoice<K extends string = string> {
  key: K;
  name: string;
}

/** One key per decision (apply, skip, …): the answer is the key. */
export interface ActionQuestion {
  kind: 'action';
  message: string;
  choices: readonly ActionChoice[];
}

export interface SelectChoice {
  value: string;
  name: string;
  description?: string;
}

/** Pick one of a few (a category, another fix, where to record an allowlisting): the answer is the value. */
export interface SelectQuestion {
  kind: 'select';
  /** Names the question for scripted answers and logs: 'fix', 'category', 'allow-where', 'helpers'. */
  id: string;
  message: string;
  choices: readonly SelectChoice[];
  default?: string;
}

/** A line of text (the reason a sleep is legitimate); `validate` returns an error message or null. */
export interface InputQuestion {
  kind: 'input';
  id: string;
  message: string;
  validate?: (text: string) => string | null;
}

export type Question = ActionQuestion | SelectQuestion | InputQuestion;

/** Answers a question; rejects with SessionInterrupted on Ctrl-C or SIGTERM. */
export type Ask = (question: Question) => Promise<string>;

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Ctrl-C (SIGINT) or SIGTERM arrived while the session waited for an answer. */
export class SessionInterrupted extends Error {
  override name = 'SessionInterrupted';
  constructor(readonly signal: StopSignal) {
    super(`interrupted by ${signal}`);
  }
}
