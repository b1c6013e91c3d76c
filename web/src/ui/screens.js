// The checker's screens and how one is shown: the start screen (made by start-screen.js, like the page's
// static one), a question (its heading, help, progress, input, Back and Next), the result (result.js) and
// the error screen. render() shows state.screen and moves focus to its heading.

import { fill, part } from './dom.js';
import { domElement, startScreen } from './start-screen.js';
import { createInputs } from './inputs.js';
import { createResultView } from './result.js';

/** The start screen made from the texts; its buttons answer the start question. */
export function startView(ctx) {
  const { state, flow } = ctx;
  const view = startScreen(domElement(ctx.doc), { ui: state.about.ui, question: flow.startQuestion() });
  view.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-option]');
    if (button) flow.chooseStartOption(button.dataset.option);
  });
  return view;
}

/**
 * Shows and hides one checker's screens: ctx.startScreen is the start screen in place, ctx.screenBox holds
 * every other. Returns render({focus}), which shows state.screen, and showFailure(error).
 */
export function createView(ctx) {
  const { h, state, format, flow, navigation, options } = ctx;
  const inputFor = createInputs(ctx);
  const resultView = createResultView(ctx);

  function errorView(failure) {
    const ui = state.about.ui;
    return h('section', { className: 'screen' }, [
      h('h1', { tabIndex: -1, textContent: ui.error }),
      h('p', { textContent: failure.message }),
      part(h('button', { type: 'button', className: 'secondary', textContent: ui.start_again, onclick: flow.startAgain }), 'button secondary-button'),
    ]);
  }

  function questionView(id) {
    const question = state.byId.get(id);
    const ui = state.about.ui;
    state.visited.add(id);
    const order = flow.questionOrder();
    const position = order.indexOf(id) + 1;

    const step = h('p', { className: 'step', id: 'step', textContent: fill(ui.step, { current: format.number(position), total: format.number(order.length) }) });
    const progress = part(h('progress', { max: order.length, value: position }), 'progress');
    progress.setAttribute('aria-labelledby', 'step');

    const fieldset = h('fieldset', { className: 'question-field' }, [h('legend', {}, [h('h1', { tabIndex: -1, textContent: question.text })])]);
    if (question.help) {
      fieldset.append(h('p', { className: 'help', id: `${id}-help`, textContent: question.help }));
      fieldset.setAttribute('aria-describedby', `${id}-help`);
    }
    // Filled in from the spa's aftercare link: shown as answered (the input has it), changeable here.
    if (state.fromLink.has(id)) fieldset.append(h('p', { className: 'help from-spa', textContent: ui.from_spa }));
    fieldset.append(inputFor(question));

    const form = h('form', { className: 'screen question' }, [
      step,
      progress,
      fieldset,
      h('div', { className: 'nav-buttons' }, [
        part(h('button', { type: 'button', className: 'secondary', textContent: ui.back, onclick: () => navigation.back() }), 'button secondary-button'),
        part(h('button', { type: 'submit', className: 'primary', textContent: flow.nextScreen(id) === 'result' ? ui.check : ui.next }), 'button primary-button'),
      ]),
    ]);
    form.dataset.question = id;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (form.reportValidity()) flow.go(() => flow.nextScreen(id), { from: id });
    });
    return form;
  }

  function showFailure(failure) {
    ctx.screenBox.replaceChildren(errorView(failure));
    ctx.startScreen.hidden = true;
    ctx.screenBox.hidden = false;
    ctx.screenBox.querySelector('h1').focus();
  }

  function render({ focus }) {
    const { screenBox, startScreen } = ctx;
    ctx.announcer.textContent = '';
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

  return { render, showFailure };
}
