// The checker's screens, shared by the page (web/app.js) and the <soreness-check> widget
// (web/soreness-check.js). What to ask, in which order, and what the result is all come from the core
// (checker.nextQuestions, checker.assess); every word comes from the knowledge base's texts. The core
// may run on this thread or in a worker: its answers are awaited, one move of the person's at a time.
// Each mounted checker keeps its answers in its own closure: never in the URL, history state, cookies,
// storage, globals or events. All look-ups stay inside the root it was given.

import { bodyMap, showChosenRegions, timelinePlot, legendSwatch, dispositionIcon } from './figures.js';

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => values[name]);

/** A phone number as a tel: URL: digits and a leading +, nothing else. */
export const telUrl = (number) => `tel:${String(number).replace(/(?!^\+)[^\d]/g, '')}`;

const regionOf = (tag) => String(tag).split('-').slice(1).find((part) => /^[A-Za-z]{2}$/.test(part))?.toUpperCase();

/**
 * The country a person most likely calls from, as a region code ("GB"): the region of `tag` ("en-GB"), else of
 * the browser's languages, those in the same language first; undefined when none names a region.
 */
export function countryFor(tag, browserTags = globalThis.navigator?.languages ?? []) {
  const primary = String(tag).toLowerCase().split('-')[0];
  const same = browserTags.filter((t) => String(t).toLowerCase().split('-')[0] === primary);
  return [tag, ...same, ...browserTags].map(regionOf).find(Boolean);
}

/**
 * Mounts a checker in root and loads its core and texts.
 * @param {Element|ShadowRoot} root the checker's own part of the document
 * @param {object} options
 * @param {string} options.language language of every text
 * @param {(options: object) => Promise<object>} options.createChecker makes the checker: createChecker (checker.js,
 *   the core on this thread) or createCheckerOffThread (checker-off-thread.js, the core in a worker)
 * @param {string|URL} [options.baseUrl] folder holding knowledge/ (see createChecker)
 * @param {Element} [options.startScreen] a start screen already in root (the page's static one); else one is made
 * @param {{push(screen: string): void, back(): void}} [options.navigation] where Back and new screens go; default: in memory
 * @param {(screen: string) => void} [options.onScreen] called after a screen is shown by navigation
 * @param {() => void} [options.print] shows a print button on the result that calls it
 * @param {{name?: string, phone?: string, email?: string, bookingUrl?: string}} [options.contact] shown on "contact your therapist"
 * @param {string} [options.country] region code of the country the person calls from (default: from the browser's
 *   languages); the numbers come from the knowledge base's help lines, and the person can pick another country
 * @param {string} [options.emergencyNumber] replaces that country's emergency number until the person picks a country
 * @returns {Promise<object>} the controller: show(screen), chooseStartOption(id), setLanguage(language, {startScreen}), texts(), destroy()
 */
export async function mountChecker(root, options) {
  const doc = root.ownerDocument ?? root;
  const find = (selector) => root.querySelector(selector);
  const h = (tag, properties = {}, children = []) => {
    const node = Object.assign(doc.createElement(tag), properties);
    node.append(...children);
    return node;
  };
  const part = (node, name) => {
    node.setAttribute('part', name);
    return node;
  };

  const state = {
    language: options.language,
    checker: null,
    about: null,
    questions: [],
    byId: new Map(),
    answers: {},
    entered: {}, // what was typed into duration fields ({value, unit}), so "2 days" comes back as typed
    visited: new Set(),
    editing: false, // came from the result to change one answer: Next skips questions already seen
    screen: 'start', // 'start', a question id, or 'result'
    flow: { answers: {}, order: [] }, // the core's view of the answers: those that count, the questions that apply
    result: null, // the core's assessment, while the result is shown
    // Where the help lines are for: not an answer, never sent to the core, kept only while mounted.
    country: options.country ?? countryFor(options.language),
    countryPicked: false,
  };
  let startScreen = options.startScreen ?? null;
  const madeStart = !startScreen;
  let screenBox = find('#screen');
  if (!screenBox) {
    screenBox = h('div', { id: 'screen', hidden: true });
    root.append(screenBox);
  }
  let announcer = options.announcer;
  if (!announcer) {
    announcer = h('div', { className: 'visually-hidden' });
    announcer.setAttribute('role', 'status');
    root.append(announcer);
  }
  const memory = [];
  const navigation = options.navigation ?? {
    push: (screen) => memory.push(screen),
    back: () => {
      memory.pop();
      show(memory.at(-1) ?? 'start');
    },
  };

  const formatNumber = (n) => new Intl.NumberFormat(state.language, { maximumFractionDigits: 1 }).format(n);
  const formatList = (items) => new Intl.ListFormat(state.language, { type: 'conjunction' }).format(items);
  /**
   * An amount in the language's own plural form from its texts: amount(1, 'days') is "1 day", amount(1.5, 'days')
   * "1,5 Tage" in German; `form` 'dative' gives the form after a preposition ("nach 3 Tagen").
   */
  function amount(n, unit, form = '') {
    const forms = state.about.amounts[form ? `${unit}_${form}` : unit];
    const category = new Intl.PluralRules(state.language, { maximumFractionDigits: 1 }).select(n);
    return (forms[category] ?? forms.other).replace('{n}', formatNumber(n));
  }
  /** Hours as whole days where they are whole days (48 hours: "2 days"). */
  const duration = (hours, form) => (hours % 24 === 0 && hours > 0 ? amount(hours / 24, 'days', form) : amount(hours, 'hours', form));
  const tickLabel = (hours) => {
    const days = hours % 24 === 0;
    return new Intl.NumberFormat(state.language, { style: 'unit', unit: days ? 'day' : 'hour', unitDisplay: 'short', maximumFractionDigits: 1 }).format(
      days ? hours / 24 : hours,
    );
  };

  async function setLanguage(language, { startScreen: replacement } = {}) {
    const checker = await options.createChecker({ language, baseUrl: options.baseUrl });
    state.checker?.close();
    state.checker = checker;
    state.language = language;
    state.about = checker.about();
    state.questions = checker.questions();
    state.byId = new Map(state.questions.map((q) => [q.id, q]));
    const next = replacement ?? (madeStart ? startView() : null);
    if (next) {
      if (startScreen?.isConnected) startScreen.replaceWith(next);
      else root.insertBefore(next, screenBox);
      startScreen = next;
    }
  }

  // ---- Flow: the core decides which questions apply and in which order ---------------------------------

  /** The first question of the knowledge base is asked on the start screen (the emergency signs). */
  const startQuestion = () => state.questions[0];

  /**
   * Asks the core which answers it should judge (only those to questions that apply: an answer can make
   * another drop out) and which questions apply now, in order.
   */
  async function consultCore() {
    let answers = { ...state.answers };
    for (;;) {
      const { applicable } = await state.checker.nextQuestions(answers);
      const kept = Object.fromEntries(Object.entries(answers).filter(([id]) => applicable.includes(id)));
      if (Object.keys(kept).length === Object.keys(answers).length) {
        state.flow = { answers: kept, order: applicable.filter((id) => id !== startQuestion().id) };
        return;
      }
      answers = kept;
    }
  }

  const questionOrder = () => state.flow.order;

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

  let lastMove = Promise.resolve();
  let movesUnderway = 0;
  let historyMoves = 0; // Back and Forward so far: a move asked for before the latest one must not show its screen
  // While the core works on a move, the checker is marked busy (screen readers wait; tests can too).
  const busyMark = root.nodeType === Node.ELEMENT_NODE ? root : screenBox;
  /** Runs a move after the one before it has finished, so that moves never overlap while the core works. */
  function inTurn(move) {
    movesUnderway += 1;
    busyMark.setAttribute('aria-busy', 'true');
    const run = lastMove.then(move).finally(() => {
      movesUnderway -= 1;
      if (!movesUnderway) busyMark.removeAttribute('aria-busy');
    });
    lastMove = run.catch(() => {});
    return run;
  }

  /**
   * Shows a screen once the core has judged the answers as they are now. `to` is a screen, or picks one
   * from the core's judgement (which questions apply); `change` alters the answers first, inside the move.
   * Dropped: a move made `from` a screen that an earlier move has already left (a double tap on Next), and
   * a move overtaken by Back or Forward (`asOf` an older count of them) while the core worked.
   */
  async function moveTo(to, { push = true, focus = true, from, change, asOf = historyMoves } = {}) {
    const overtaken = () => asOf !== historyMoves;
    if ((from !== undefined && from !== state.screen) || overtaken()) return;
    change?.();
    let screen;
    let result = null;
    // Answers changed while the core worked are judged too: a result never shows other answers than it judged.
    for (let judged = null; judged !== JSON.stringify(state.answers);) {
      judged = JSON.stringify(state.answers);
      // The start screen needs no judgement (so Start again works even if the core has stopped).
      if (to !== 'start') await consultCore();
      screen = typeof to === 'function' ? to() : to;
      result = screen === 'result' ? await state.checker.assess(state.flow.answers) : null;
    }
    if (overtaken()) return;
    if (screen === 'result' || screen === 'start') state.editing = false;
    state.result = result;
    state.screen = screen;
    if (push) navigation.push(screen);
    // Not busy any more before the new heading takes focus, so that screen readers read it.
    if (movesUnderway === 1) busyMark.removeAttribute('aria-busy');
    render({ focus });
  }

  /** A move of the person's (Next, Back, Change…); if the core fails, the error screen says so. */
  function go(to, how = {}) {
    const asOf = historyMoves;
    return inTurn(() => moveTo(to, { ...how, asOf })).catch(showFailure);
  }

  /** Shows a remembered screen (from Back), or the nearest one that still applies. */
  function show(screen) {
    historyMoves += 1;
    return go(() => reachable(screen), { push: false });
  }

  function chooseStartOption(optionId) {
    const question = startQuestion();
    const option = question.options.find((o) => o.id === optionId);
    // A warning sign goes straight to the core's result; "none of these" starts the questions.
    return go(() => (option?.exclusive ? nextScreen(null) : 'result'), {
      from: 'start', // a second tap, after the first has left the start screen, does nothing
      change: () => {
        state.answers[question.id] = [optionId];
      },
    });
  }

  function startAgain() {
    return go('start', {
      change: () => {
        state.answers = {};
        state.entered = {};
        state.visited.clear();
      },
    });
  }

  // ---- Rendering -------------------------------------------------------------------------------------

  function render({ focus }) {
    announcer.textContent = '';
    let heading;
    try {
      if (state.screen === 'start') {
        startScreen.hidden = false;
        screenBox.hidden = true;
        screenBox.replaceChildren();
        heading = startScreen.querySelector('h1');
      } else {
        const view = state.screen === 'result' ? resultView() : questionView(state.screen);
        screenBox.replaceChildren(view);
        startScreen.hidden = true;
        screenBox.hidden = false;
        heading = view.querySelector('h1');
      }
    } catch (failure) {
      showFailure(failure);
      return;
    }
    if (focus) {
      options.onScreen?.(state.screen);
      heading?.focus();
    }
  }

  function showFailure(failure) {
    screenBox.replaceChildren(errorView(failure));
    startScreen.hidden = true;
    screenBox.hidden = false;
    screenBox.querySelector('h1').focus();
  }

  /** The start screen made from the texts, like the page's static one (web/build-pages.mjs). */
  function startView() {
    const ui = state.about.ui;
    const danger = startQuestion();
    const signs = danger.options.filter((o) => !o.exclusive);
    const button = (option, className, children) => {
      const node = h('button', { type: 'button', className }, children);
      node.dataset.option = option.id;
      node.addEventListener('click', () => chooseStartOption(option.id));
      return node;
    };
    const emergency = part(h('section', { className: 'emergency' }, [
      h('h2', { id: 'danger-title', textContent: danger.text }),
      h('p', { textContent: ui.emergency_help }),
      h('ul', { className: 'signs' }, signs.map((o) => h('li', {}, [button(o, 'sign', [o.text])]))),
    ]), 'emergency');
    emergency.setAttribute('aria-labelledby', 'danger-title');
    emergency.dataset.question = danger.id;
    const begin = danger.options
      .filter((o) => o.exclusive)
      .map((o) => part(button(o, 'begin primary', [h('span', { className: 'begin-option', textContent: o.text }), ' ', h('span', { className: 'begin-action', textContent: ui.start_check })]), 'button primary-button'));
    const view = h('section', { id: 'start', className: 'screen' }, [
      h('h1', { id: 'start-title', tabIndex: -1, textContent: ui.title }),
      h('p', { className: 'lead', textContent: ui.intro }),
      h('ul', { className: 'facts' }, [h('li', { textContent: ui.for_adults }), h('li', { textContent: ui.not_diagnosis }), h('li', { textContent: ui.privacy })]),
      emergency,
      ...begin,
    ]);
    view.setAttribute('aria-labelledby', 'start-title');
    return view;
  }

  function errorView(failure) {
    const ui = state.about.ui;
    return h('section', { className: 'screen' }, [
      h('h1', { tabIndex: -1, textContent: ui.error }),
      h('p', { textContent: failure.message }),
      part(h('button', { type: 'button', className: 'secondary', textContent: ui.start_again, onclick: startAgain }), 'button secondary-button'),
    ]);
  }

  function questionView(id) {
    const question = state.byId.get(id);
    const ui = state.about.ui;
    state.visited.add(id);
    const order = questionOrder();
    const position = order.indexOf(id) + 1;

    const step = h('p', { className: 'step', id: 'step', textContent: fill(ui.step, { current: formatNumber(position), total: formatNumber(order.length) }) });
    const progress = part(h('progress', { max: order.length, value: position }), 'progress');
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
        part(h('button', { type: 'button', className: 'secondary', textContent: ui.back, onclick: () => navigation.back() }), 'button secondary-button'),
        part(h('button', { type: 'submit', className: 'primary', textContent: nextScreen(id) === 'result' ? ui.check : ui.next }), 'button primary-button'),
      ]),
    ]);
    form.dataset.question = id;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (form.reportValidity()) go(() => nextScreen(id), { from: id });
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
        h('span', { id: `${question.id}-low`, textContent: `${formatNumber(question.min)}: ${question.min_text}` }),
        h('span', { id: `${question.id}-high`, textContent: `${formatNumber(question.max)}: ${question.max_text}` }),
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
      // An amount of time reads back as it was typed ("2 days" stays days), in the language's plural form.
      const entered = state.entered[question.id];
      if (entered) return amount(Number(entered.value), entered.unit);
      if (question.unit === 'hours') return amount(value, 'hours');
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
      // Each amount follows a preposition ("between", "by", "after"; German "zwischen", "nach" take the dative).
      peak_start: duration(timeline.peak_starts_hours, 'dative'),
      peak_end: duration(timeline.peak_ends_hours, 'dative'),
      gone: duration(timeline.usually_gone_hours, 'dative'),
      seek: duration(timeline.seek_advice_hours, 'dative'),
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
          timelinePlot(timeline, tickLabel),
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
          go('start', { from: 'result' });
          return;
        }
        go(id, {
          from: 'result',
          change: () => {
            state.editing = true;
          },
        });
      });
      list.append(h('div', { className: 'answer' }, [h('dt', { textContent: question.text }), h('dd', {}, [h('span', { textContent: answerText(question) }), ' ', change])]));
    }
    return list;
  }

  /** Ways to reach the spa, given by the site that embeds the checker (presentation only). */
  function contactPart() {
    const { name, phone, email, bookingUrl } = options.contact ?? {};
    if (!phone && !email && !bookingUrl) return null;
    const ui = state.about.ui;
    const link = (href, text, partName) => part(h('a', { href, textContent: text, className: 'contact-link' }), partName);
    const links = [];
    if (phone) links.push(link(telUrl(phone), fill(ui.contact_call, { phone }), 'contact-link'));
    if (email) links.push(link(`mailto:${email}`, fill(ui.contact_email, { email }), 'contact-link'));
    if (bookingUrl) {
      const booking = link(bookingUrl, ui.contact_book, 'contact-link');
      booking.target = '_blank';
      booking.rel = 'noopener noreferrer';
      links.push(booking);
    }
    const title = name ? fill(ui.contact_title, { name }) : ui.contact_title_plain;
    return part(section(title, [h('ul', { className: 'contact-links' }, links.map((l) => h('li', {}, [l])))], 'contact'), 'contact');
  }

  /** The numbers for the chosen country, or the table's default for a country it does not list. */
  function linesFor(country) {
    const table = state.about.help_lines;
    const lines = table.countries.find((c) => c.country === country) ?? table.default;
    // A spa's own emergency number wins, until the person picks a country themselves.
    return options.emergencyNumber && !state.countryPicked ? { ...lines, emergency: options.emergencyNumber } : lines;
  }

  /** A tap-to-call link for each call the core's result offers, the main one first and biggest. */
  function callButtons(calls) {
    const ui = state.about.ui;
    const lines = linesFor(state.country);
    const digits = (text) => text.replace(/\D/g, '');
    const buttons = [];
    for (const call of calls) {
      let number = lines.emergency;
      let text = fill(call === 'emergency' ? ui.call_emergency : ui.call_emergency_if_worse, { number });
      if (call === 'non_emergency') {
        if (!lines.non_emergency) continue; // not every country has one
        ({ number } = lines.non_emergency);
        const { name } = lines.non_emergency;
        text = fill(ui.call_non_emergency, { line: digits(name).includes(digits(number)) ? name : `${name} (${number})` });
      }
      const button = part(h('a', { href: telUrl(number), className: buttons.length ? 'call-button other-call' : 'call-button', textContent: text }), 'call-button');
      button.dataset.call = call;
      buttons.push(button);
    }
    return buttons;
  }

  /** The calls, and which country's numbers they are: a labelled select of the help-line table's countries. */
  function callsPart(calls) {
    if (!calls.length) return null;
    const ui = state.about.ui;
    const table = state.about.help_lines;
    const names = new Intl.DisplayNames([state.language], { type: 'region' });
    const countries = table.countries.map((c) => [c.country, names.of(c.country)]).sort((a, b) => a[1].localeCompare(b[1], state.language));
    const select = h('select', { id: 'call-country' }, [
      ...countries.map(([code, name]) => h('option', { value: code, textContent: name })),
      h('option', { value: '', textContent: fill(ui.other_country, { number: table.default.emergency }) }),
    ]);
    select.value = countries.some(([code]) => code === state.country) ? state.country : '';
    const buttons = h('div', { className: 'call-buttons' }, callButtons(calls));
    select.addEventListener('change', () => {
      state.country = select.value;
      state.countryPicked = true;
      buttons.replaceChildren(...callButtons(calls));
      announcer.textContent = [...buttons.children].map((b) => b.textContent).join('. ');
    });
    const from = h('p', { className: 'call-from no-print' }, [h('label', { htmlFor: select.id, textContent: ui.calling_from }), ' ', select]);
    return part(h('div', { className: 'calls' }, [buttons, from]), 'calls');
  }

  function resultView() {
    const ui = state.about.ui;
    const result = state.result;
    const disposition = result.disposition;
    const main = result.reasons.filter((r) => r.requires === disposition.id);
    const more = result.reasons.filter((r) => r.requires !== disposition.id);
    const dateText = new Intl.DateTimeFormat(state.language, { dateStyle: 'long' }).format(new Date());

    const verdict = part(h('div', { className: 'verdict' }, [dispositionIcon(disposition.id), h('div', {}, [h('h1', { tabIndex: -1, textContent: disposition.label }), h('p', { className: 'headline', textContent: result.headline })])]), 'verdict');
    const view = part(h('article', { className: 'screen result' }, [
      h('p', { className: 'print-only print-title', textContent: `${ui.title} · ${fill(ui.checked_on, { date: dateText })}` }),
      verdict,
    ]), 'result');
    view.dataset.disposition = disposition.id;
    verdict.dataset.disposition = disposition.id;
    // The core decided the disposition and which calls it offers; the buttons and contact details only present them.
    const calls = callsPart(result.calls);
    if (calls) view.append(calls);
    view.append(section(ui.what_to_do, [h('ul', { className: 'advice' }, result.advice.map((a) => h('li', { textContent: a.text })))]));
    if (disposition.id === 'contact_therapist') {
      const contact = contactPart();
      if (contact) view.append(contact);
    }

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
    const actions = h('div', { className: 'actions no-print' });
    if (options.print) actions.append(part(h('button', { type: 'button', className: 'secondary', textContent: ui.print, onclick: options.print }), 'button secondary-button'));
    actions.append(part(h('button', { type: 'button', className: 'primary', textContent: ui.start_again, onclick: startAgain }), 'button primary-button'));
    view.append(actions);
    // Announced after the screen is in place, so screen readers hear the outcome.
    setTimeout(() => {
      if (view.isConnected) announcer.textContent = `${disposition.label}. ${result.headline}`;
    }, 100);
    return view;
  }

  await setLanguage(state.language, { startScreen });

  return {
    show,
    chooseStartOption,
    /** Loads another language and shows the same screen in it; the answers stay. */
    setLanguage: (language, { startScreen: replacement, focus = false } = {}) =>
      inTurn(async () => {
        await setLanguage(language, { startScreen: replacement });
        await moveTo(state.screen, { push: false, focus });
      }).catch((failure) => {
        showFailure(failure);
        throw failure;
      }),
    /** The loaded language's page texts. */
    texts: () => state.about.ui,
    get language() {
      return state.language;
    },
    /** Forgets every answer and frees the core's copy of the knowledge base. */
    destroy: () => {
      state.answers = {};
      state.entered = {};
      state.checker?.close();
      state.checker = null;
      root.replaceChildren();
    },
  };
}
