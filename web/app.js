// The checker page. The start screen arrives as static HTML made from the knowledge base; this module
// takes over once the core is loaded. What to ask, in which order, and what the result is all come from
// the core (checker.nextQuestions, checker.assess); every word comes from the knowledge base's texts.
// Answers live only in this module's memory: never in the URL, history state, cookies or storage.

import { createChecker } from './checker.js';
import { bodyMap, showChosenRegions, timelinePlot, legendSwatch, dispositionIcon } from './figures.js';

const root = document.documentElement;
const screenBox = document.getElementById('screen');
const announcer = document.getElementById('announce');

const state = {
  language: root.lang,
  checker: null,
  about: null,
  questions: [],
  byId: new Map(),
  answers: {},
  entered: {}, // what was typed into duration fields ({value, unit}), so "2 days" comes back as typed
  visited: new Set(),
  editing: false, // came from the result to change one answer: Next skips questions already seen
  screen: 'start', // 'start', a question id, or 'result'
};

function h(tag, properties = {}, children = []) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => values[name]);
const formatNumber = (n) => new Intl.NumberFormat(state.language, { maximumFractionDigits: 1 }).format(n);
const formatList = (items) => new Intl.ListFormat(state.language, { type: 'conjunction' }).format(items);
function formatDuration(hours, unitDisplay = 'long') {
  const days = hours % 24 === 0;
  return new Intl.NumberFormat(state.language, { style: 'unit', unit: days ? 'day' : 'hour', unitDisplay, maximumFractionDigits: 1 }).format(
    days ? hours / 24 : hours,
  );
}

// ---- Language ----------------------------------------------------------------------------------------

const offeredLanguages = () => [...document.querySelectorAll('.languages a[hreflang]')].map((link) => link.hreflang);

/** The page's own language, unless this is the neutral entry page: then the browser's first offered one. */
function preferredLanguage() {
  if (root.dataset.autoLanguage !== 'true') return root.lang;
  const offered = offeredLanguages();
  for (const tag of navigator.languages ?? [navigator.language]) {
    const primary = String(tag).toLowerCase().split('-')[0];
    if (offered.includes(primary)) return primary;
  }
  return root.lang;
}

/** Swaps in another language's static start screen and switcher (made at build time from its texts). */
async function loadStartScreen(language) {
  const url = new URL(`${language}/`, import.meta.url);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  return { url, start: document.adoptNode(page.getElementById('start')), nav: document.adoptNode(page.querySelector('.languages')) };
}

async function useLanguage(language) {
  const swap = language !== root.lang;
  const [checker, page] = await Promise.all([createChecker({ language }), swap ? loadStartScreen(language) : null]);
  if (page) {
    document.getElementById('start').replaceWith(page.start);
    document.querySelector('.languages').replaceWith(page.nav);
    history.replaceState(history.state, '', page.url);
  }
  state.checker?.close();
  state.checker = checker;
  state.language = language;
  state.about = checker.about();
  state.questions = checker.questions();
  state.byId = new Map(state.questions.map((q) => [q.id, q]));
  root.lang = language;
  document.title = state.about.ui.title;
}

// ---- Flow: the core decides which questions apply and in which order -----------------------------------

/** The first question of the knowledge base is asked on the start screen (the emergency signs). */
const startQuestion = () => state.questions[0];

/** The answers the core should judge: only those to questions that apply (an answer can make another drop out). */
function coreAnswers() {
  let answers = { ...state.answers };
  for (;;) {
    const applicable = new Set(state.checker.nextQuestions(answers).applicable);
    const kept = Object.fromEntries(Object.entries(answers).filter(([id]) => applicable.has(id)));
    if (Object.keys(kept).length === Object.keys(answers).length) return kept;
    answers = kept;
  }
}

const questionOrder = () => state.checker.nextQuestions(coreAnswers()).applicable.filter((id) => id !== startQuestion().id);

function nextScreen(from) {
  const order = questionOrder();
  const after = order.slice(order.indexOf(from) + 1);
  return (state.editing ? after.find((id) => !state.visited.has(id)) : after[0]) ?? 'result';
}

/** Where a remembered screen leads now: a question that no longer applies gives way to the next that does. */
function reachable(screen) {
  if (screen === 'start' || !(startQuestion().id in state.answers)) return 'start';
  if (screen === 'result') return screen;
  const order = questionOrder();
  if (order.includes(screen)) return screen;
  const index = state.questions.findIndex((q) => q.id === screen);
  return order.find((id) => state.questions.findIndex((q) => q.id === id) > index) ?? 'result';
}

function go(screen, { push = true } = {}) {
  if (screen === 'result' || screen === 'start') state.editing = false;
  state.screen = screen;
  // History holds only which screen, never an answer.
  if (push) history.pushState({ screen, depth: (history.state?.depth ?? 0) + 1 }, '');
  render({ focus: true });
}

function goBack() {
  if ((history.state?.depth ?? 0) > 0) history.back();
  else go('start');
}

function chooseStartOption(optionId) {
  const question = startQuestion();
  state.answers[question.id] = [optionId];
  const option = question.options.find((o) => o.id === optionId);
  // A warning sign goes straight to the core's result; "none of these" starts the questions.
  go(option?.exclusive ? nextScreen(null) : 'result');
}

function startAgain() {
  state.answers = {};
  state.entered = {};
  state.visited.clear();
  go('start');
}

// ---- Rendering ---------------------------------------------------------------------------------------

function render({ focus }) {
  const start = document.getElementById('start');
  announcer.textContent = '';
  let heading;
  try {
    if (state.screen === 'start') {
      start.hidden = false;
      screenBox.hidden = true;
      screenBox.replaceChildren();
      heading = document.getElementById('start-title');
    } else {
      const view = state.screen === 'result' ? resultView() : questionView(state.screen);
      screenBox.replaceChildren(view);
      start.hidden = true;
      screenBox.hidden = false;
      heading = view.querySelector('h1');
    }
  } catch (failure) {
    screenBox.replaceChildren(errorView(failure));
    start.hidden = true;
    screenBox.hidden = false;
    heading = screenBox.querySelector('h1');
  }
  if (focus) {
    window.scrollTo(0, 0);
    heading?.focus();
  }
}

function errorView(failure) {
  const ui = state.about.ui;
  return h('section', { className: 'screen' }, [
    h('h1', { tabIndex: -1, textContent: ui.error }),
    h('p', { textContent: failure.message }),
    h('button', { type: 'button', className: 'secondary', textContent: ui.start_again, onclick: startAgain }),
  ]);
}

function questionView(id) {
  const question = state.byId.get(id);
  const ui = state.about.ui;
  state.visited.add(id);
  const order = questionOrder();
  const position = order.indexOf(id) + 1;

  const step = h('p', { className: 'step', id: 'step', textContent: fill(ui.step, { current: formatNumber(position), total: formatNumber(order.length) }) });
  const progress = h('progress', { max: order.length, value: position });
  progress.setAttribute('aria-labelledby', 'step');

  const fieldset = h('fieldset', { className: 'question-field' }, [h('legend', {}, [h('h1', { tabIndex: -1, textContent: question.text })])]);
  if (question.help) {
    fieldset.append(h('p', { className: 'help', id: `${id}-help`, textContent: question.help }));
    fieldset.setAttribute('aria-describedby', `${id}-help`);
  }
  fieldset.append(inputFor(question));

  const form = h('form', { className: 'screen question' }, [
    step,
    progress,
    fieldset,
    h('div', { className: 'nav-buttons' }, [
      h('button', { type: 'button', className: 'secondary', textContent: ui.back, onclick: goBack }),
      h('button', { type: 'submit', className: 'primary', textContent: nextScreen(id) === 'result' ? ui.check : ui.next }),
    ]),
  ]);
  form.dataset.question = id;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (form.reportValidity()) go(nextScreen(id));
  });
  return form;
}

function inputFor(question) {
  if (question.type === 'single') return choiceList(question, 'radio');
  if (question.type === 'multiple') return choiceList(question, 'checkbox');
  if (question.type === 'regions') return regionPicker(question);
  if (question.unit === 'hours') return durationInput(question);
  if (question.integer && question.max - question.min <= 10) return scale(question);
  return numberInput(question);
}

function setAnswer(id, value) {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) delete state.answers[id];
  else state.answers[id] = value;
}

function choiceList(question, type) {
  const chosen = [].concat(state.answers[question.id] ?? []);
  const list = h('div', { className: 'choices' });
  for (const option of question.options) {
    const input = h('input', { type, name: question.id, value: option.id, id: `${question.id}-${option.id}`, checked: chosen.includes(option.id) });
    input.dataset.exclusive = option.exclusive;
    list.append(h('label', { className: 'choice', htmlFor: input.id }, [input, h('span', { textContent: option.text })]));
  }
  list.addEventListener('change', (event) => {
    const inputs = [...list.querySelectorAll('input')];
    if (type === 'radio') {
      setAnswer(question.id, event.target.value);
      return;
    }
    // An exclusive option ("none of these") and the others cannot be ticked together.
    if (event.target.checked) {
      for (const input of inputs) {
        if (input !== event.target && (event.target.dataset.exclusive === 'true' || input.dataset.exclusive === 'true')) input.checked = false;
      }
    }
    setAnswer(question.id, inputs.filter((input) => input.checked).map((input) => input.value));
  });
  return list;
}

function regionPicker(question) {
  const ui = state.about.ui;
  const list = choiceList(question, 'checkbox');
  list.classList.add('region-list');
  const map = bodyMap({
    regions: question.options.map((o) => o.id),
    frontLabel: ui.body_front,
    backLabel: ui.body_rear,
    onToggle: (regionId) => {
      const input = list.querySelector(`input[value="${regionId}"]`);
      input.checked = !input.checked;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
  });
  list.addEventListener('change', () => showChosenRegions(map, state.answers[question.id] ?? []));
  showChosenRegions(map, state.answers[question.id] ?? []);
  return h('div', { className: 'regions' }, [
    h('p', { className: 'hint', textContent: ui.body_map_hint }),
    h('div', { className: 'map-and-list' }, [map, h('div', {}, [h('p', { className: 'list-title', textContent: ui.body_list }), list])]),
  ]);
}

function scale(question) {
  const ui = state.about.ui;
  const row = h('div', { className: 'scale-row' });
  for (let value = question.min; value <= question.max; value += 1) {
    const input = h('input', { type: 'radio', name: question.id, value, id: `${question.id}-${value}`, checked: state.answers[question.id] === value });
    if (value === question.min) input.setAttribute('aria-describedby', `${question.id}-low`);
    if (value === question.max) input.setAttribute('aria-describedby', `${question.id}-high`);
    row.append(h('label', { className: 'scale-point', htmlFor: input.id }, [input, h('span', { textContent: formatNumber(value) })]));
  }
  row.addEventListener('change', (event) => setAnswer(question.id, Number(event.target.value)));
  return h('div', { className: 'scale' }, [
    row,
    h('div', { className: 'scale-ends' }, [
      h('span', { id: `${question.id}-low`, textContent: `${formatNumber(question.min)}: ${ui.pain_low}` }),
      h('span', { id: `${question.id}-high`, textContent: `${formatNumber(question.max)}: ${ui.pain_high}` }),
    ]),
  ]);
}

function durationInput(question) {
  const ui = state.about.ui;
  const entered = state.entered[question.id] ?? { value: state.answers[question.id] ?? '', unit: 'hours' };
  const amount = h('input', { type: 'number', id: `${question.id}-amount`, name: question.id, min: question.min, step: 'any', inputMode: 'decimal', value: entered.value });
  const units = h('div', { className: 'units' });
  for (const unit of ['hours', 'days']) {
    const input = h('input', { type: 'radio', name: `${question.id}-unit`, value: unit, id: `${question.id}-unit-${unit}`, checked: entered.unit === unit });
    units.append(h('label', { className: 'choice unit', htmlFor: input.id }, [input, h('span', { textContent: ui[`unit_${unit}`] })]));
  }
  const update = () => {
    const unit = units.querySelector('input:checked').value;
    const perUnit = unit === 'days' ? 24 : 1;
    amount.max = question.max / perUnit;
    state.entered[question.id] = { value: amount.value, unit };
    const value = amount.valueAsNumber;
    // Days become hours here: a unit conversion only, the core judges the hours.
    setAnswer(question.id, amount.value === '' || !amount.checkValidity() ? undefined : value * perUnit);
  };
  amount.addEventListener('input', update);
  units.addEventListener('change', update);
  amount.max = question.max / (entered.unit === 'days' ? 24 : 1);
  return h('div', { className: 'duration' }, [
    h('label', { className: 'field-label', htmlFor: amount.id, textContent: ui.time_amount }),
    amount,
    h('fieldset', { className: 'unit-choice' }, [h('legend', { className: 'visually-hidden', textContent: ui.time_unit }), units]),
  ]);
}

function numberInput(question) {
  const input = h('input', { type: 'number', id: `${question.id}-amount`, name: question.id, min: question.min, max: question.max, step: question.integer ? 1 : 'any', value: state.answers[question.id] ?? '' });
  input.addEventListener('input', () => setAnswer(question.id, input.value === '' || !input.checkValidity() ? undefined : input.valueAsNumber));
  return h('label', { className: 'field-label' }, [input, ` ${question.unit_text ?? ''}`]);
}

/** How an answer reads back to the person, in their words. */
function answerText(question) {
  const value = state.answers[question.id];
  if (value === undefined) return state.about.ui.not_answered;
  if (question.type === 'number') {
    const entered = state.entered[question.id];
    if (entered) return `${formatNumber(Number(entered.value))} ${state.about.ui[`unit_${entered.unit}`]}`;
    return `${formatNumber(value)} ${question.unit_text ?? ''}`.trim();
  }
  const ids = [].concat(value);
  return formatList(question.options.filter((o) => ids.includes(o.id)).map((o) => o.text));
}

function section(title, children, className = '') {
  return h('section', { className: `result-part ${className}`.trim() }, [h('h2', { textContent: title }), ...children]);
}

function reasonItem(reason) {
  const evidence = reason.answers.map((answer) => {
    const question = state.byId.get(answer.question);
    const text = answer.answered ? answerText(question) : state.about.ui.not_answered;
    return h('li', {}, [h('span', { className: 'evidence-question', textContent: answer.question_text }), ' ', h('strong', { textContent: text })]);
  });
  return h('li', {}, [h('p', { textContent: reason.text }), evidence.length ? h('ul', { className: 'evidence' }, evidence) : '']);
}

function timelineSection(timeline) {
  const ui = state.about.ui;
  const summary = fill(ui.timeline_summary, {
    peak_start: formatDuration(timeline.peak_starts_hours),
    peak_end: formatDuration(timeline.peak_ends_hours),
    gone: formatDuration(timeline.usually_gone_hours),
    seek: formatDuration(timeline.seek_advice_hours),
  });
  const legend = [
    ['curve', ui.timeline_usual],
    ['ease', ui.timeline_ease],
    ['seek', ui.timeline_seek],
  ];
  if (timeline.hours_since_massage !== null && timeline.hours_since_massage !== undefined) legend.unshift(['here', ui.timeline_you]);
  return section(
    ui.timeline,
    [
      h('p', { className: 'phase', textContent: timeline.phase_text }),
      h('figure', { className: 'timeline' }, [
        timelinePlot(timeline, (hours) => formatDuration(hours, 'short')),
        h('figcaption', {}, [
          h('p', { className: 'axis-title', textContent: ui.timeline_axis }),
          h('ul', { className: 'legend' }, legend.map(([kind, text]) => h('li', {}, [legendSwatch(kind), h('span', { textContent: text })]))),
          h('p', { textContent: summary }),
        ]),
      ]),
    ],
    'timeline-part',
  );
}

function answersList() {
  const ui = state.about.ui;
  const shown = [startQuestion().id, ...questionOrder()];
  const list = h('dl', { className: 'answers' });
  for (const id of shown) {
    const question = state.byId.get(id);
    const change = h('button', { type: 'button', className: 'link-button no-print', textContent: ui.change });
    change.setAttribute('aria-label', `${ui.change}: ${question.text}`);
    change.addEventListener('click', () => {
      if (id === startQuestion().id) {
        go('start');
        return;
      }
      state.editing = true;
      go(id);
    });
    list.append(h('div', { className: 'answer' }, [h('dt', { textContent: question.text }), h('dd', {}, [h('span', { textContent: answerText(question) }), ' ', change])]));
  }
  return list;
}

function resultView() {
  const ui = state.about.ui;
  const result = state.checker.assess(coreAnswers());
  const disposition = result.disposition;
  const main = result.reasons.filter((r) => r.requires === disposition.id);
  const more = result.reasons.filter((r) => r.requires !== disposition.id);
  const dateText = new Intl.DateTimeFormat(state.language, { dateStyle: 'long' }).format(new Date());

  const view = h('article', { className: 'screen result' }, [
    h('p', { className: 'print-only print-title', textContent: `${ui.title} · ${fill(ui.checked_on, { date: dateText })}` }),
    h('div', { className: 'verdict' }, [dispositionIcon(disposition.id), h('div', {}, [h('h1', { tabIndex: -1, textContent: disposition.label }), h('p', { className: 'headline', textContent: result.headline })])]),
    section(ui.what_to_do, [h('ul', { className: 'advice' }, result.advice.map((a) => h('li', { textContent: a.text })))]),
  ]);
  view.dataset.disposition = disposition.id;
  view.querySelector('.verdict').dataset.disposition = disposition.id;

  if (main.length) view.append(section(ui.why, [h('ul', { className: 'reasons' }, main.map(reasonItem))], 'why'));
  if (more.length) {
    view.append(
      h('details', { className: 'result-part more' }, [h('summary', { textContent: ui.also_noticed }), h('ul', { className: 'reasons' }, more.map(reasonItem))]),
    );
  }
  // The core gives the everyday explanations only when the result is about ordinary soreness; the usual
  // course of soreness belongs with them, not with a result that says to get help.
  if (result.explanations.length) {
    view.append(timelineSection(result.timeline));
    view.append(section(ui.why_sore, [h('ul', {}, result.explanations.map((e) => h('li', { textContent: e.text })))], 'why-sore'));
  }
  const signs = startQuestion().options.filter((o) => !o.exclusive);
  view.append(section(ui.watch_for, [h('p', { textContent: ui.watch_for_note }), h('ul', { className: 'signs-list' }, signs.map((o) => h('li', { textContent: o.text })))], 'watch'));
  view.append(section(ui.tell_therapist, [h('p', { className: 'no-print', textContent: ui.tell_therapist_note }), answersList()], 'answers-part'));
  view.append(
    h('div', { className: 'actions no-print' }, [
      h('button', { type: 'button', className: 'secondary', textContent: ui.print, onclick: () => window.print() }),
      h('button', { type: 'button', className: 'primary', textContent: ui.start_again, onclick: startAgain }),
    ]),
  );
  // Announced after the screen is in place, so screen readers hear the outcome.
  setTimeout(() => {
    announcer.textContent = `${disposition.label}. ${result.headline}`;
  }, 100);
  return view;
}

// ---- Start-up ------------------------------------------------------------------------------------------

const ready = (async () => {
  await useLanguage(preferredLanguage());
  history.replaceState({ screen: 'start', depth: 0 }, '');
  window.addEventListener('popstate', (event) => {
    state.screen = reachable(event.state?.screen ?? 'start');
    render({ focus: true });
  });
  document.getElementById('status').textContent = '';
  document.body.dataset.ready = 'true';
})();

ready.catch((failure) => {
  const status = document.getElementById('status');
  status.textContent = status.dataset.failed;
  console.error(failure);
});

document.addEventListener('click', async (event) => {
  const startButton = event.target.closest('#start button[data-option]');
  const languageLink = event.target.closest('.languages a[hreflang]');
  if (!startButton && !languageLink) return;
  if (languageLink && !state.checker) return; // not loaded: let the link open that language's page
  event.preventDefault();
  try {
    await ready;
  } catch {
    return; // the status line already says the check could not load
  }
  if (startButton) {
    chooseStartOption(startButton.dataset.option);
    return;
  }
  await useLanguage(languageLink.hreflang);
  render({ focus: true });
});
