// The result screen and its parts: the verdict, the calls and what to do, the reasons with the answers
// behind them, the usual course of soreness (timeline), the warning signs to watch for, and the list of
// answers to show the therapist, each with a Change button, with ways to send them (ui/share.js), and the
// reminder to check again where the core offers one. It shows the core's assessment as it is.

import { timelinePlot, legendSwatch, dispositionIcon } from '../figures.js';
import { fill, part, resultSection } from './dom.js';
import { createCalls } from './calls.js';
import { summaryLines, mailtoHref, calendarFile, saveFile } from './share.js';

/**
 * The result screen of one checker; returns resultView(), the screen for the assessment in state.result.
 * @param {{h: Function, state: object, format: object, options: object, flow: object, announcer: Element}} ctx
 */
export function createResultView(ctx) {
  const { h, state, format, options, flow, announcer } = ctx;
  const { callsPart, contactPart } = createCalls(ctx);
  const section = (title, children, className) => resultSection(h, title, children, className);
  const button = (label, onclick) => part(h('button', { type: 'button', className: 'secondary', textContent: label, onclick }), 'button secondary-button');

  /** How an answer reads back to the person, in their words. */
  function answerText(question) {
    const value = state.answers[question.id];
    if (value === undefined) return state.about.ui.not_answered;
    if (question.type === 'number') {
      // An amount of time reads back as it was typed ("2 days" stays days), in the language's plural form.
      const entered = state.entered[question.id];
      if (entered) return format.amount(Number(entered.value), entered.unit);
      if (question.input === 'duration') return format.amount(value, 'hours');
      return `${format.number(value)} ${question.unit_text ?? ''}`.trim();
    }
    const ids = [].concat(value);
    return format.list(question.options.filter((o) => ids.includes(o.id)).map((o) => o.text));
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
    const { duration, tickLabel } = format;
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

  /** The questions the result lists, the start screen's first: those that apply to the answers that count. */
  const shownQuestions = () => [state.about.start_question, ...flow.questionOrder()].map((id) => state.byId.get(id));

  function answersList() {
    const ui = state.about.ui;
    const list = h('dl', { className: 'answers' });
    for (const question of shownQuestions()) {
      const { id } = question;
      const change = h('button', { type: 'button', className: 'link-button no-print', textContent: ui.change });
      change.setAttribute('aria-label', `${ui.change}: ${question.text}`);
      change.addEventListener('click', () => flow.change(id));
      list.append(h('div', { className: 'answer' }, [h('dt', { textContent: question.text }), h('dd', {}, [h('span', { textContent: answerText(question) }), ' ', change])]));
    }
    return list;
  }

  /**
   * The questions of the summary, as the answers list shows them (an unanswered one says so): first those the
   * core's reasons rest on, then the warning-sign questions (the core's red_flag, "none" included), then the
   * rest, so that an e-mail shortened to fit loses the least telling answers.
   */
  function summaryQuestions() {
    const behindReasons = new Set(state.result.reasons.flatMap((reason) => reason.answers.map((answer) => answer.question)));
    const rank = (q) => (behindReasons.has(q.id) ? 0 : q.red_flag ? 1 : 2);
    // Array.prototype.sort is stable: within a rank, the order the check asked in.
    return shownQuestions().sort((a, b) => rank(a) - rank(b));
  }

  /**
   * Send, e-mail or copy the summary for the therapist: each only when the person taps it, with their own apps.
   * The share sheet where the browser has one; e-mail where it has none or the spa gave its address.
   */
  function sharePart(dateText) {
    const ui = state.about.ui;
    const result = state.result;
    const lines = summaryLines(ui, {
      date: dateText,
      version: result.knowledge_base_version,
      label: result.disposition.label,
      headline: result.headline,
      reasons: result.reasons.map((r) => r.text),
      answers: summaryQuestions().map((q) => [q.text, answerText(q)]),
    });
    const text = lines.join('\n');
    const status = h('p', { className: 'share-status' });
    const say = (message) => {
      status.textContent = message;
      announcer.textContent = message;
    };
    // Where the browser will not copy or share, the text is shown selected, for the person to copy.
    const box = h('textarea', { readOnly: true, rows: 8, value: text, hidden: true });
    box.setAttribute('aria-label', ui.share);
    const showText = () => {
      box.hidden = false;
      say(ui.share_copy_failed);
      box.select();
    };
    const actions = h('div', { className: 'actions' });
    const email = options.contact?.email;
    if (navigator.share) {
      actions.append(button(ui.share, () => navigator.share({ title: ui.app_name, text }).catch((failure) => failure.name === 'AbortError' || showText())));
    }
    if (!navigator.share || email) {
      actions.append(part(h('a', { className: 'secondary', href: mailtoHref(email, ui.app_name, lines, ui.share_shortened), textContent: ui.share_email }), 'button secondary-button'));
    }
    actions.append(button(ui.share_copy, () => Promise.resolve().then(() => navigator.clipboard.writeText(text)).then(() => say(ui.share_copied), showText)));
    return h('div', { className: 'share no-print' }, [actions, status, box]);
  }

  /** The core's reminder to check again as a calendar file: its title and the link to the check, no answers. */
  function reminderPart(reminder) {
    const ui = state.about.ui;
    const start = new Date(Date.now() + reminder.hours_from_now * 3_600_000);
    const when = new Intl.DateTimeFormat(state.language, { dateStyle: 'full', timeStyle: 'short' }).format(start);
    const save = () => {
      const url = location.origin + location.pathname;
      saveFile(view, 'soreness-check-reminder.ics', calendarFile({ title: ui.remind_event, start, now: new Date(), url }), 'text/calendar');
      announcer.textContent = ui.remind_done;
    };
    const view = section(ui.remind, [
      h('p', { textContent: fill(ui.remind_note, { date: when }) }),
      button(ui.remind_button, save),
    ], 'remind no-print');
    return view;
  }

  /** The result screen for the core's assessment in state.result. */
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
    // The core decided the disposition, which calls it offers and whether to give the spa's contact details;
    // the buttons and links only present them.
    const calls = callsPart(result.calls);
    if (calls) view.append(calls);
    view.append(section(ui.what_to_do, [h('ul', { className: 'advice' }, result.advice.map((a) => h('li', { textContent: a.text })))]));
    if (result.contact_details) {
      const contact = contactPart();
      if (contact) view.append(contact);
    }

    if (main.length) view.append(section(ui.why, [h('ul', { className: 'reasons' }, main.map((r) => reasonItem(r)))], 'why'));
    if (more.length) {
      view.append(
        h('details', { className: 'result-part more' }, [h('summary', { textContent: ui.also_noticed }), h('ul', { className: 'reasons' }, more.map((r) => reasonItem(r)))]),
      );
    }
    // The core gives the usual course of soreness and the everyday explanations only when the result is
    // about ordinary soreness (none from "see a doctor" up).
    if (result.timeline !== null) view.append(timelineSection(result.timeline));
    if (result.explanations.length) {
      view.append(section(ui.why_sore, [h('ul', {}, result.explanations.map((e) => h('li', { textContent: e.text })))], 'why-sore'));
    }
    view.append(section(ui.watch_for, [h('p', { textContent: ui.watch_for_note }), h('ul', { className: 'signs-list' }, result.watch_for.map((sign) => h('li', { textContent: sign.text })))], 'watch'));
    view.append(section(ui.tell_therapist, [h('p', { className: 'no-print', textContent: ui.tell_therapist_note }), answersList(), sharePart(dateText)], 'answers-part'));
    // Whether and when to remind is the core's (the knowledge base's dispositions and timeline).
    if (result.reminder) view.append(reminderPart(result.reminder));
    const actions = h('div', { className: 'actions no-print' });
    if (options.print) actions.append(button(ui.print, options.print));
    actions.append(part(h('button', { type: 'button', className: 'primary', textContent: ui.start_again, onclick: flow.startAgain }), 'button primary-button'));
    view.append(actions);
    // Announced after the screen is in place, so screen readers hear the outcome.
    setTimeout(() => {
      if (view.isConnected) announcer.textContent = `${disposition.label}. ${result.headline}`;
    }, 100);
    return view;
  }

  return resultView;
}
