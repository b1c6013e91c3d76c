// The soreness-check engine for JavaScript: `const checker = await createChecker(); checker.assess({...})`.
// A thin wrapper over the WebAssembly core: it fetches the knowledge base, turns answers into JSON and
// the core's error envelopes into thrown CheckerError objects. No medical decision is made here.

import createCoreModule from './soreness-core.js';
import { CheckerError } from './checker-error.js';

export { CheckerError };

let corePromise = null;

/** Instantiates the WebAssembly once per page, however many checkers are created. */
function loadCore(wasmBinary) {
  if (!corePromise) {
    corePromise = createCoreModule(wasmBinary ? { wasmBinary } : {}).catch((failure) => {
      corePromise = null; // let a later call try again (e.g. after the network comes back)
      throw failure;
    });
  }
  return corePromise;
}

function unwrap(envelopeText) {
  const envelope = JSON.parse(envelopeText);
  if (!envelope.ok) throw new CheckerError(envelope.error);
  return envelope.result;
}

const unpairedSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const walkDepth = 8; // deeper values are left to the core, which rejects them as nested too deep

/** Why `value` cannot be sent as an answer, or null. JSON.stringify would silently turn these into null or drop them. */
function unsendable(value) {
  switch (typeof value) {
    case 'undefined': return 'undefined is not a valid answer; leave the question out instead';
    case 'function': return 'a function is not a valid answer';
    case 'symbol': return 'a symbol is not a valid answer';
    case 'bigint': return 'a BigInt is not a valid answer; use a number';
    case 'number': return Number.isFinite(value) ? null : `${value} is not a valid answer; use a finite number`;
    case 'string': return unpairedSurrogate.test(value) ? 'the text has an unpaired surrogate and is not valid Unicode' : null;
    default: return null;
  }
}

/** Throws a CheckerError naming the field when a value cannot travel to the core as JSON unchanged. */
function checkSendable(value, where, depth) {
  const problem = unsendable(value);
  if (problem) throw new CheckerError({ code: 'answers.wrong_type', where, message: problem });
  if (value === null || typeof value !== 'object' || depth >= walkDepth) return;
  for (const [key, item] of Object.entries(value)) {
    const path = `${where === '/' ? '' : where}/${key}`;
    if (unpairedSurrogate.test(key)) {
      throw new CheckerError({ code: 'answers.wrong_type', where: path, message: 'the question id has an unpaired surrogate and is not valid Unicode' });
    }
    checkSendable(item, path, depth + 1);
  }
}

function answersToJson(answers) {
  const plain = answers !== null && typeof answers === 'object' && !Array.isArray(answers) &&
    [Object.prototype, null].includes(Object.getPrototypeOf(answers));
  if (!plain) {
    const got = answers === null ? 'null' : Array.isArray(answers) ? 'a list'
      : typeof answers === 'object' ? `a ${answers.constructor?.name ?? 'special object'}` : typeof answers;
    throw new CheckerError({ code: 'answers.wrong_type', where: '/', message: `expected an object of answers like {"pain_now": 4}, got ${got}` });
  }
  checkSendable(answers, '/', 0);
  try {
    return JSON.stringify(answers);
  } catch (failure) {
    throw new CheckerError({ code: 'answers.wrong_type', where: '/', message: `the answers cannot be read: ${failure.message}` });
  }
}

/** Whether step() is asked for the assessment; a mistyped option is an error, never ignored. */
function stepOptions(options) {
  if (options === undefined) return false;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new CheckerError({ code: 'options.wrong_type', where: '/', message: 'expected options like { assessment: true }' });
  }
  for (const key of Object.keys(options)) {
    if (key !== 'assessment') throw new CheckerError({ code: 'options.unknown_option', where: `/${key}`, message: `unknown option '${key}'; expected 'assessment'` });
  }
  if (options.assessment !== undefined && typeof options.assessment !== 'boolean') {
    throw new CheckerError({ code: 'options.wrong_type', where: '/assessment', message: 'expected true or false' });
  }
  return options.assessment === true;
}

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
  return response.text();
}

/**
 * Loads the core and one language of the knowledge base.
 * @param {object} [options]
 * @param {string} [options.language='en'] language of all texts in results
 * @param {string|URL} [options.baseUrl] folder holding knowledge/ (default: next to this module)
 * @param {string} [options.knowledgeBase] knowledge-base.json text, instead of fetching it
 * @param {string} [options.strings] strings/<language>.json text, instead of fetching it
 * @param {ArrayBuffer|Uint8Array} [options.wasmBinary] the .wasm bytes, instead of fetching them (Node)
 */
export async function createChecker(options = {}) {
  const language = options.language ?? 'en';
  const base = new URL('knowledge/', options.baseUrl ?? import.meta.url);
  const [core, knowledgeBase, strings] = await Promise.all([
    loadCore(options.wasmBinary),
    options.knowledgeBase ?? fetchText(new URL('knowledge-base.json', base)),
    options.strings ?? fetchText(new URL(`strings/${language}.json`, base)),
  ]);
  const handle = unwrap(core.load(knowledgeBase, strings));
  const about = unwrap(core.about(handle));
  const questions = unwrap(core.questions(handle));

  return {
    language: about.language,
    version: about.knowledge_base_version,
    /** Page texts, dispositions and the usual timeline, in this language. */
    about: () => structuredClone(about),
    /** Every question with its type, options and texts. */
    questions: () => structuredClone(questions),
    /** { ask: ids still to ask in order, applicable: ids that apply in order } */
    nextQuestions: (answers) => unwrap(core.nextQuestions(handle, answersToJson(answers))),
    /**
     * One move of the check, decided by the core: { answers (those that count), dropped, applicable, ask, final,
     * assessment (when final or asked for, else null) }.
     * @param {object} answers
     * @param {{ assessment?: boolean }} [options]
     */
    step: (answers, options) => {
      const withAssessment = stepOptions(options); // checked first: a mistyped option must not pass silently
      return unwrap(core.step(handle, answersToJson(answers), withAssessment));
    },
    /** The assessment: disposition, headline, reasons, advice, timeline, trace. */
    assess: (answers) => unwrap(core.assess(handle, answersToJson(answers))),
    /** Frees the loaded knowledge base; the checker cannot be used afterwards. */
    close: () => core.unload(handle),
    /**
     * Diagnostics: the size of the WebAssembly memory in bytes (it only grows) and the bytes the
     * core's allocator currently holds (mallinfo's uordblks), shared by every checker of the page.
     * Used by the leak test; not needed to use the checker.
     */
    memoryBytes: () => ({ heap: core.heapBytes(), allocated: core.allocatedBytes() }),
  };
}
