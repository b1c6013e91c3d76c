// The result's ways to get help: tap-to-call links for the calls the core's result offers (numbers from
// the knowledge base's help lines), the picker of which country's numbers they are, and the spa's own
// contact details given by the embedding site. Presentation only: which calls a result offers is the core's.

import { fill, part, resultSection } from './dom.js';

/** A phone number as a tel: URL: digits and a leading +, nothing else. */
export const telUrl = (number) => `tel:${String(number).replace(/(?!^\+)[^\d]/g, '')}`;

const regionOf = (tag) => String(tag).split('-').slice(1).find((piece) => /^[A-Za-z]{2}$/.test(piece))?.toUpperCase();

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
 * The call and contact parts of one checker's results.
 * @param {{h: Function, state: object, options: object, announcer: Element}} ctx
 */
export function createCalls({ h, state, options, announcer }) {
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
    return part(resultSection(h, title, [h('ul', { className: 'contact-links' }, links.map((l) => h('li', {}, [l])))], 'contact'), 'contact');
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

  return { callsPart, contactPart };
}
