// Type declarations for checker.js, written by hand (Emscripten 3.1.6 cannot emit them).

export type CallId = 'emergency' | 'emergency_if_worse' | 'non_emergency';

export interface HelpLines {
  emergency: string;
  country?: string;
  non_emergency?: { number: string; name: string };
}

export type DispositionId = 'self_care' | 'contact_therapist' | 'see_doctor' | 'urgent' | 'emergency';

/** Answers by question id: a number, one option id, or a list of option ids. Omit unanswered questions. */
export type Answers = Record<string, number | string | string[]>;

export interface Option { id: string; text: string; exclusive: boolean }

export interface Question {
  id: string;
  type: 'single' | 'multiple' | 'number' | 'regions';
  /** How it is answered: options, the body map, a scale of points, a time since, or a plain number. */
  input: 'choice' | 'regions' | 'scale' | 'duration' | 'number';
  text: string;
  help: string;
  red_flag: boolean;
  options?: Option[];
  min?: number;
  max?: number;
  integer?: boolean;
  unit?: string;
  unit_text?: string;
  /** For a scale: what its lowest and highest points mean ("No pain", "Worst pain you can imagine"). */
  min_text?: string;
  max_text?: string;
}

export interface Evidence {
  question: string;
  question_text: string;
  answered: boolean;
  value?: number | string | string[];
  value_text?: string | string[];
}

export interface Reason { rule: string; requires: DispositionId; text: string; answers: Evidence[] }

export interface Timeline {
  phase: 'unknown' | 'building' | 'peak' | 'easing' | 'should_be_gone' | 'not_sore_yet' | 'not_sore';
  phase_text: string;
  peak_starts_hours: number;
  peak_ends_hours: number;
  usually_gone_hours: number;
  seek_advice_hours: number;
  hours_since_massage: number | null;
  hours_until_easing?: number;
  hours_until_seek_advice?: number;
}

export interface Assessment {
  knowledge_base_version: string;
  language: string;
  disposition: { id: DispositionId; rank: number; label: string };
  headline: string;
  /** The calls the result offers, the main one first; the numbers are in About.help_lines. */
  calls: CallId[];
  /** Show the spa's phone, e-mail or booking link. */
  contact_details: boolean;
  complete: boolean;
  missing: string[];
  conflicts: string[];
  /** Answered questions that do not apply to the other answers (e.g. what the pain feels like at pain 0): not counted. */
  dropped: string[];
  reasons: Reason[];
  advice: { id: string; text: string }[];
  explanations: { id: string; text: string }[];
  /** The usual course of soreness; null when the result is see a doctor or more urgent (it would reassure). */
  timeline: Timeline | null;
  /** The start question's warning signs, listed on every result. */
  watch_for: { id: string; text: string }[];
  /**
   * When to remind the person to check again, on a result whose disposition has "reminder": true (self-care,
   * tell your therapist) and the person is sore or may still get sore; null otherwise. hours_from_now: the
   * timeline's recheck_after_hours (24), counted from the check.
   */
  reminder: { hours_from_now: number } | null;
  trace: { rule: string; requires: DispositionId }[];
}

/** One move of the check, decided by the core (see Checker.step). */
export interface Step {
  /** The answers that count: those to questions that no longer apply are dropped, to a fixed point. */
  answers: Answers;
  /** The answered questions that were dropped. */
  dropped: string[];
  /** The questions that apply to the answers that count, in order. */
  applicable: string[];
  /** Applicable and not yet answered, in order. */
  ask: string[];
  /** The answers already reach a disposition that ends the check (emergency): stop asking, show the result. */
  final: boolean;
  /** Present when final or when asked for with { assessment: true }. */
  assessment: Assessment | null;
}

export interface StepOptions {
  /** Also assess when the check is not final. */
  assessment?: boolean;
}

export interface About {
  knowledge_base_version: string;
  language: string;
  language_name: string;
  ui: Record<string, string>;
  /** The language's plural categories, as Intl.PluralRules names them (e.g. ["one", "other"]). */
  plural_categories: string[];
  /** Units in every plural category, each text with its number as "{n}": amounts.days.one is "{n} day". */
  amounts: Record<'hours' | 'days' | 'hours_dative' | 'days_dative', Record<string, string>>;
  dispositions: { id: DispositionId; rank: number; label: string; headline: string }[];
  timeline: Timeline;
  /** Numbers to call by country (ISO 3166-1 alpha-2), and the default for any other. */
  help_lines: { default: HelpLines; countries: HelpLines[] };
  /** The question on the start screen (the emergency signs), or null when the knowledge base names none. */
  start_question: string | null;
  /** The plain advice for a page whose engine cannot run. */
  fallback_advice: { id: string; text: string }[];
}

export interface Checker {
  readonly language: string;
  readonly version: string;
  about(): About;
  questions(): Question[];
  nextQuestions(answers: Answers): { ask: string[]; applicable: string[] };
  /** One move: drops answers that no longer apply, says what to ask next and whether the check is over. */
  step(answers: Answers, options?: StepOptions): Step;
  assess(answers: Answers): Assessment;
  close(): void;
  /** Diagnostics: the WebAssembly memory size and the bytes malloc holds (for leak tests). */
  memoryBytes(): { heap: number; allocated: number };
}

export interface CheckerOptions {
  language?: string;
  baseUrl?: string | URL;
  knowledgeBase?: string;
  strings?: string;
  wasmBinary?: ArrayBuffer | Uint8Array;
}

/** An error reported by the core. `where` is a JSON pointer such as "/pain_now"; `code` is stable. */
export class CheckerError extends Error {
  readonly code: string;
  readonly where: string;
}

export function createChecker(options?: CheckerOptions): Promise<Checker>;
