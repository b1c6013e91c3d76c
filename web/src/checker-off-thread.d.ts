// Types of checker-off-thread.js: the page's checker, whose core runs in a Web Worker. The same checker as
// createChecker() in checker.js (wasm-bindings/checker.d.ts), with its calls to the core returning promises.

import type { About, Answers, Assessment, Checker, CheckerOptions, Question, Step, StepOptions } from '../../wasm-bindings/checker.js';
export { CheckerError } from '../../wasm-bindings/checker.js';

/** The interface the screens use: the core's answers are awaited, one move at a time. */
export interface AsyncChecker {
  readonly language: string;
  readonly version: string;
  about(): About;
  questions(): Question[];
  nextQuestions(answers: Answers): Promise<{ ask: string[]; applicable: string[] }>;
  assess(answers: Answers): Promise<Assessment>;
  /** One move, decided by the core: the screens call only this (and about(), questions() for the texts). */
  step(answers: Answers, options?: StepOptions): Promise<Step>;
  /** Frees the core's copy of the knowledge base. */
  close(): Promise<void> | void;
}

/** The files a page may already be fetching, given as promises (undefined: the checker fetches it itself). */
type Fetching<T> = T | Promise<T | undefined>;

/** The options of createChecker(); the knowledge base, the strings and the wasm may also be promises of them. */
export interface OffThreadOptions extends Omit<CheckerOptions, 'knowledgeBase' | 'strings' | 'wasmBinary'> {
  knowledgeBase?: Fetching<CheckerOptions['knowledgeBase']>;
  strings?: Fetching<CheckerOptions['strings']>;
  wasmBinary?: Fetching<CheckerOptions['wasmBinary']>;
}

/** Loads the core (in a worker where one can run, else on the page) and one language of the knowledge base. */
export function createCheckerOffThread(options?: OffThreadOptions): Promise<AsyncChecker>;

/** A createCheckerOffThread whose worker runs the module at workerUrl (same origin as the page). */
export function checkerOffThread(workerUrl: string | URL, createOnThisThread: (options?: CheckerOptions) => Promise<Checker>): (options?: OffThreadOptions) => Promise<AsyncChecker>;
