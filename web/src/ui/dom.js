// What every screen of the checker uses to build its elements and words: an element factory bound to
// one document, `part` names for the widget's ::part() styling, and numbers, lists and amounts in the
// checker's current language (amounts in the plural forms of the knowledge base's texts).

/** Fills "{name}" placeholders of a text. */
export const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => values[name]);

/**
 * An element factory for `doc`: h('p', { className: 'lead', textContent: text }, [children]). Properties are
 * set as DOM properties; children are nodes or strings.
 * @param {Document} doc
 */
export function elementFactory(doc) {
  return (tag, properties = {}, children = []) => {
    const node = Object.assign(doc.createElement(tag), properties);
    node.append(...children);
    return node;
  };
}

/** A part of the result with its heading. */
export function resultSection(h, title, children, className = '') {
  return h('section', { className: `result-part ${className}`.trim() }, [h('h2', { textContent: title }), ...children]);
}

/** Names a node for the widget's ::part() styling. */
export function part(node, name) {
  node.setAttribute('part', name);
  return node;
}

/**
 * Number, list and amount formatting in `state.language`, read at each call (the language can change).
 * @param {{language: string, about: {amounts: Record<string, Record<string, string>>}}} state
 */
export function formatsFor(state) {
  const number = (n) => new Intl.NumberFormat(state.language, { maximumFractionDigits: 1 }).format(n);
  /**
   * An amount in the language's own plural form from its texts: amount(1, 'days') is "1 day", amount(1.5, 'days')
   * "1,5 Tage" in German; `form` 'dative' gives the form after a preposition ("nach 3 Tagen").
   */
  const amount = (n, unit, form = '') => {
    const forms = state.about.amounts[form ? `${unit}_${form}` : unit];
    const category = new Intl.PluralRules(state.language, { maximumFractionDigits: 1 }).select(n);
    return (forms[category] ?? forms.other).replace('{n}', number(n));
  };
  return {
    number,
    list: (items) => new Intl.ListFormat(state.language, { type: 'conjunction' }).format(items),
    amount,
    /** Hours as whole days where they are whole days (48 hours: "2 days"). */
    duration: (hours, form) => (hours % 24 === 0 && hours > 0 ? amount(hours / 24, 'days', form) : amount(hours, 'hours', form)),
    tickLabel: (hours) => {
      const days = hours % 24 === 0;
      return new Intl.NumberFormat(state.language, { style: 'unit', unit: days ? 'day' : 'hour', unitDisplay: 'short', maximumFractionDigits: 1 }).format(
        days ? hours / 24 : hours,
      );
    },
  };
}
