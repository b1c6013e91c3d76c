// The checker in a Web Worker: compiling the WebAssembly core, loading the knowledge base and every
// assessment happen here, off the page's main thread, so the page keeps answering taps while they run.
// It answers the messages of checker-off-thread.js (checker-calls.js).

import { createChecker } from './checker.js';
import { answerCheckerCalls } from './checker-calls.js';

answerCheckerCalls(self, createChecker);
