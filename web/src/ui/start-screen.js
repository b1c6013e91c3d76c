// The start screen, defined once: the title, what the check is, and the start question (the emergency
// signs, each a button that goes straight to a result, and its "none of these" that starts the check).
// The page's static HTML (web/build/build-pages.mjs, at build time) and the widget's DOM (screens.js) are
// both made by startScreen(), through an element factory: `htmlElement` here, `domElement` for a document.

/**
 * @template N
 * @param {(tag: string, attributes: Record<string, string>, children: (N|string)[]) => N} element
 * @param {{ui: Record<string, string>, question: {id: string, text: string, options: {id: string, text: string, exclusive: boolean}[]}}} texts
 * @param {(N|string)[]} [after] more content at the end of the screen (the page's loading status)
 * @returns {N}
 */
export function startScreen(element, { ui, question }, after = []) {
  const optionButton = (option, className, children, attributes = {}) =>
    element('button', { type: 'button', class: className, ...attributes, 'data-option': option.id }, children);
  const signs = question.options.filter((o) => !o.exclusive);
  const begin = question.options
    .filter((o) => o.exclusive)
    .map((o) => optionButton(o, 'begin primary', [
      element('span', { class: 'begin-option' }, [o.text]),
      ' ',
      element('span', { class: 'begin-action' }, [ui.start_check]),
    ], { part: 'button primary-button' }));
  return element('section', { id: 'start', class: 'screen', 'aria-labelledby': 'start-title' }, [
    element('h1', { id: 'start-title', tabindex: '-1' }, [ui.title]),
    element('p', { class: 'lead' }, [ui.intro]),
    element('ul', { class: 'facts' }, [ui.for_adults, ui.not_diagnosis, ui.privacy].map((text) => element('li', {}, [text]))),
    element('section', { class: 'emergency', part: 'emergency', 'aria-labelledby': 'danger-title', 'data-question': question.id }, [
      element('h2', { id: 'danger-title' }, [question.text]),
      element('p', {}, [ui.emergency_help]),
      element('ul', { class: 'signs' }, signs.map((o) => element('li', {}, [optionButton(o, 'sign', [o.text])]))),
    ]),
    ...begin,
    ...after,
  ]);
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** An element as HTML text ({html}); string children are escaped, element children are not. */
export function htmlElement(tag, attributes, children) {
  const attributeText = Object.entries(attributes).map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
  const inner = children.map((child) => (typeof child === 'string' ? escapeHtml(child) : child.html)).join('');
  return { html: `<${tag}${attributeText}>${inner}</${tag}>` };
}

/** An element factory for the DOM of `doc`, with the same arguments as htmlElement. */
export const domElement = (doc) => (tag, attributes, children) => {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
};
