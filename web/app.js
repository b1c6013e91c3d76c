// First page: renders the questions the core describes, shows only those the core says apply,
// and displays the core's assessment. Every decision and every word comes from the core.

import { createChecker } from './checker.js';

const form = document.getElementById('questions');
const status = document.getElementById('status');
const resultBox = document.getElementById('result');

function element(tag, properties = {}, children = []) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

function renderQuestion(question) {
  const fieldset = element('fieldset', { id: `q-${question.id}` });
  fieldset.dataset.question = question.id;
  fieldset.append(element('legend', { textContent: question.text }));
  if (question.help) fieldset.append(element('p', { className: 'help', textContent: question.help }));
  if (question.type === 'number') {
    const input = element('input', { type: 'number', name: question.id, min: question.min, max: question.max, step: question.integer ? 1 : 'any' });
    fieldset.append(element('label', {}, [input, ` ${question.unit_text ?? ''}`]));
    return fieldset;
  }
  const type = question.type === 'single' ? 'radio' : 'checkbox';
  for (const option of question.options) {
    const input = element('input', { type, name: question.id, value: option.id });
    fieldset.append(element('label', {}, [input, ` ${option.text}`]));
  }
  return fieldset;
}

function readAnswers(questions) {
  const answers = {};
  for (const question of questions) {
    const inputs = [...form.elements].filter((input) => input.name === question.id);
    if (question.type === 'number') {
      const value = inputs[0].value;
      if (value !== '') answers[question.id] = Number(value);
    } else if (question.type === 'single') {
      const chosen = inputs.find((input) => input.checked);
      if (chosen) answers[question.id] = chosen.value;
    } else {
      const chosen = inputs.filter((input) => input.checked).map((input) => input.value);
      if (chosen.length) answers[question.id] = chosen;
    }
  }
  return answers;
}

function showApplicable(checker, questions) {
  const answers = readAnswers(questions);
  const { applicable } = checker.nextQuestions(answers);
  for (const question of questions) {
    document.getElementById(`q-${question.id}`).hidden = !applicable.includes(question.id);
  }
}

function renderResult(about, result) {
  resultBox.replaceChildren(
    element('h2', { textContent: result.disposition.label }),
    element('p', { textContent: result.headline }),
    element('h3', { textContent: about.ui.why }),
    element('ul', {}, result.reasons.map((reason) => element('li', { textContent: reason.text }))),
    element('h3', { textContent: about.ui.what_to_do }),
    element('ul', {}, result.advice.map((advice) => element('li', { textContent: advice.text }))),
    element('p', { textContent: result.timeline.phase_text }),
  );
  resultBox.dataset.disposition = result.disposition.id;
  resultBox.hidden = false;
}

async function start() {
  const checker = await createChecker({ language: 'en' });
  const about = checker.about();
  const questions = checker.questions();
  document.title = about.ui.title;
  document.getElementById('title').textContent = about.ui.title;
  document.getElementById('intro').textContent = `${about.ui.intro} ${about.ui.not_diagnosis} ${about.ui.privacy}`;
  form.replaceChildren(...questions.map(renderQuestion), element('button', { id: 'check', type: 'submit', textContent: about.ui.check }));
  form.addEventListener('change', () => showApplicable(checker, questions));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    try {
      const visible = questions.filter((question) => !document.getElementById(`q-${question.id}`).hidden);
      renderResult(about, checker.assess(readAnswers(visible)));
    } catch (failure) {
      resultBox.replaceChildren(element('p', { textContent: `${about.ui.error}: ${failure.message}` }));
      resultBox.hidden = false;
    }
  });
  showApplicable(checker, questions);
  form.hidden = false;
  status.textContent = '';
  document.body.dataset.ready = 'true';
}

start().catch((failure) => {
  status.textContent = `Could not load the checker: ${failure.message}`;
});
