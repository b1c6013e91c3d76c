// The soreness-check engine for JavaScript: `const checker = await createChecker(); checker.assess({...})`.
// A thin wrapper over the WebAssembly core: it fetches the knowledge base, turns answers into JSON and
// the core's error envelopes into thrown CheckerError objects. No medical decision is made here.

import createCoreModule from './soreness-core.js';

/** An error reported by the core: `where` is a JSON pointer (e.g. "/pain_now"), `code` a stable id. */
export class CheckerError extends Error {
  constructor({ code, where, message }) {
    super(`${where}: ${message}`);
    this.name = 'CheckerError';
    this.code = code;
    this.where = where;
  }
}

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

function answersToJson(answers) {
  if (answers === undefined || answers === null || typeof answers !== 'object' || Array.isArray(answers)) {
    const got = answers === null ? 'null' : Array.isArray(answers) ? 'a list' : typeof answers;
    throw new CheckerError({ code: 'answers.wrong_type', where: '/', message: `expected an object of answers like {"pain_now": 4}, got ${got}` });
  }
  try {
    return JSON.stringify(answers);
  } catch (failure) {
    throw new CheckerError({ code: 'answers.wrong_type', where: '/', message: `the answers cannot be read: ${failure.message}` });
  }
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
    /** The assessment: disposition, headline, reasons, advice, timeline, trace. */
    assess: (answers) => unwrap(core.assess(handle, answersToJson(answers))),
    /** Frees the loaded knowledge base; the checker cannot be used afterwards. */
    close: () => core.unload(handle),
  };
}
