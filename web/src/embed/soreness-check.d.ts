// Types of the <soreness-check> element (soreness-check.js). Importing the module defines the element.

/** The attributes a host page sets; every one is optional. */
export interface SorenessCheckAttributes {
  /** Language of the check ("en", "es", "de"; a region such as "en-GB" also picks the country whose numbers are called). */
  lang?: string;
  /** The spa's name, shown on the "tell your therapist" result. */
  'spa-name'?: string;
  /** The spa's phone number, shown as a call link on the "tell your therapist" result. */
  'spa-phone'?: string;
  /** The spa's e-mail address, shown as a mail link on the "tell your therapist" result. */
  'spa-email'?: string;
  /** An http(s) booking page, shown on the "tell your therapist" result. */
  'booking-url'?: string;
  /** The local emergency number, shown as a call button on urgent and emergency results, instead of the country's
   * number from the knowledge base (until the person picks another country). */
  'emergency-number'?: string;
  /** Present for a narrow layout (sidebars). */
  compact?: boolean | '';
}

/** The element. It has no properties or events of its own: nothing about the answers leaves it. */
export declare class SorenessCheckElement extends HTMLElement {
  static readonly observedAttributes: string[];
}

/** Languages the check has texts for. */
export declare const LANGUAGES: readonly string[];

/** The country a person most likely calls from ("en-GB" -> "GB"): the tag's region, else the browser's; undefined if none. */
export declare function countryFor(tag: string, browserTags?: readonly string[]): string | undefined;

/** One country's numbers: the emergency number, and a non-emergency medical line where the country has one. */
export interface CountryHelpLines {
  country: string;
  emergency: string;
  non_emergency?: { number: string; name: string };
}

/** The numbers to call by country, from the knowledge base; `default` is for countries not listed. */
export declare function helpLines(): Promise<{ default: { emergency: string }; countries: CountryHelpLines[] }>;

/** The offered language for a tag ("es-MX" -> "es"), or "en". */
export declare function languageFor(tag: string | null | undefined): string;

declare global {
  interface HTMLElementTagNameMap {
    'soreness-check': SorenessCheckElement;
  }
}
