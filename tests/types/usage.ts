// Real usage of the checker's types, checked by `tsc -p tests/types` (scripts/test.sh): the page's async
// checker and the synchronous JS API share one error type and one Answers/Assessment shape.
import { createChecker, CheckerError, type Answers, type Assessment, type Step } from '../../wasm-bindings/checker.js';
import { createCheckerOffThread, CheckerError as OffThreadCheckerError, type AsyncChecker } from '../../web/src/checker-off-thread.js';

const answers: Answers = { danger_signs: ['none'], pain_now: 4, body_regions: ['calves'] };

export async function onThePage(): Promise<string> {
  const checker: AsyncChecker = await createCheckerOffThread({ language: 'de' });
  try {
    const { ask } = await checker.nextQuestions(answers);
    const result: Assessment = await checker.assess(answers);
    const step: Step = await checker.step(answers, { assessment: true });
    const contact = step.assessment?.contact_details ? 'contact' : '';
    const remindInHours: number | undefined = result.reminder?.hours_from_now;
    return `${ask.join(',')} ${result.disposition.id} ${step.final} ${contact} ${remindInHours ?? ''} ${checker.about().start_question} ${checker.about().ui.title}`;
  } catch (failure) {
    // One error class through the worker and on the page's own thread.
    if (failure instanceof OffThreadCheckerError) return `${failure.code} at ${failure.where}`;
    throw failure;
  } finally {
    await checker.close();
  }
}

export async function inNode(wasmBinary: Uint8Array): Promise<number> {
  const checker = await createChecker({ language: 'en', wasmBinary });
  try {
    return checker.assess(answers).disposition.rank;
  } catch (failure) {
    if (failure instanceof CheckerError) return -1;
    throw failure;
  } finally {
    checker.close();
  }
}

// The off-thread module's CheckerError is the JS API's class itself (checker-error.js), not a look-alike.
export const sameError: typeof CheckerError = OffThreadCheckerError;
