// The inputs of a question screen: choice lists (radio or checkbox, with an exclusive "none of these"),
// the body-region picker (map and list), the 0-10 scale, the duration (hours or days) and a plain number.
// Each writes the person's answer through flow.setAnswer as they give it; none judges it (the core does).

import { bodyMap, showChosenRegions } from '../figures.js';

/**
 * The inputs of one checker; returns inputFor(question), the input for a question by its type.
 * @param {{h: Function, state: object, format: object, flow: {setAnswer(id: string, value: unknown): void}}} ctx
 */
export function createInputs({ h, state, format, flow }) {
  /** The input the core names for the question (question.input). */
  function inputFor(question) {
    if (question.input === 'choice') return choiceList(question, question.type === 'single' ? 'radio' : 'checkbox');
    if (question.input === 'regions') return regionPicker(question);
    if (question.input === 'duration') return durationInput(question);
    if (question.input === 'scale') return scale(question);
    return numberInput(question);
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
        flow.setAnswer(question.id, event.target.value);
        return;
      }
      // An exclusive option ("none of these") and the others cannot be ticked together.
      if (event.target.checked) {
        for (const input of inputs) {
          if (input !== event.target && (event.target.dataset.exclusive === 'true' || input.dataset.exclusive === 'true')) input.checked = false;
        }
      }
      flow.setAnswer(question.id, inputs.filter((input) => input.checked).map((input) => input.value));
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
    const row = h('div', { className: 'scale-row' });
    for (let value = question.min; value <= question.max; value += 1) {
      const input = h('input', { type: 'radio', name: question.id, value, id: `${question.id}-${value}`, checked: state.answers[question.id] === value });
      if (value === question.min) input.setAttribute('aria-describedby', `${question.id}-low`);
      if (value === question.max) input.setAttribute('aria-describedby', `${question.id}-high`);
      row.append(h('label', { className: 'scale-point', htmlFor: input.id }, [input, h('span', { textContent: format.number(value) })]));
    }
    row.addEventListener('change', (event) => flow.setAnswer(question.id, Number(event.target.value)));
    return h('div', { className: 'scale' }, [
      row,
      h('div', { className: 'scale-ends' }, [
        h('span', { id: `${question.id}-low`, textContent: `${format.number(question.min)}: ${question.min_text}` }),
        h('span', { id: `${question.id}-high`, textContent: `${format.number(question.max)}: ${question.max_text}` }),
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
      flow.setAnswer(question.id, amount.value === '' || !amount.checkValidity() ? undefined : value * perUnit);
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
    input.addEventListener('input', () => flow.setAnswer(question.id, input.value === '' || !input.checkValidity() ? undefined : input.valueAsNumber));
    return h('label', { className: 'field-label' }, [input, ` ${question.unit_text ?? ''}`]);
  }

  return inputFor;
}
