#pragma once
/// The knowledge base: questions, triage rules, advice and one language's texts, validated on load.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "soreness/error.hpp"

namespace soreness {

/// The five dispositions, least to most urgent. Their ids in the data must be exactly these.
enum class disposition : std::uint8_t { self_care, contact_therapist, see_doctor, urgent, emergency };
inline constexpr int disposition_count = 5;
const char* disposition_id(disposition d);

enum class question_type : std::uint8_t { single, multiple, number, regions };
const char* question_type_id(question_type t);

inline constexpr std::size_t max_questions = 64;
inline constexpr std::size_t max_options = 64;
inline constexpr std::size_t max_rules = 256;
inline constexpr std::size_t max_advice = 64;
/// Conditions directly in "when" or "ask_when" are at level 1; each enclosing "any" adds one.
inline constexpr std::size_t max_condition_depth = 8;
/// A scale is answered by tapping one of its points, so it has few.
inline constexpr double max_scale_points = 11;

/// One test over the answers. Compiled from JSON: option ids become bit masks.
struct condition {
    enum class kind : std::uint8_t { has_any, has_all, is_any, at_least, below, unanswered, incomplete, any };
    kind test = kind::has_any;
    int question = -1;            ///< index into knowledge_base::questions, -1 for incomplete/any
    std::uint64_t options = 0;    ///< for has_any, has_all, is_any
    double threshold = 0;         ///< for at_least, below
    std::vector<condition> any;   ///< for any: true when one of these is true
};

struct question {
    std::string id;
    question_type type = question_type::single;
    bool red_flag = false;
    std::vector<std::string> options;
    std::uint64_t exclusive = 0;          ///< options that cannot be combined with others ("none")
    double min = 0, max = 0;              ///< for number questions
    bool integer = false;
    std::string unit;
    /// How it is answered: "choice" (single, multiple), "regions", or for a number question from the data
    /// "scale" (a few whole points, with texts for both ends), "duration" (hours) or "number" (the default).
    std::string input;
    std::vector<condition> ask_when;      ///< all must hold for the question to apply

    // Texts in the loaded language.
    std::string text, help, unit_text;
    std::string min_text, max_text;       ///< for a scale: what its ends mean ("No pain")
    std::vector<std::string> option_texts;

    int option_index(std::string_view option_id) const;
};

struct rule {
    std::string id;
    disposition requires_at_least = disposition::self_care;
    std::vector<condition> when;          ///< all must hold; empty means always
    std::vector<int> advice;              ///< indices into knowledge_base::advice
    std::string source;                   ///< where the medical fact comes from
    std::string reason;                   ///< text in the loaded language
};

struct disposition_info {
    disposition level = disposition::self_care;
    std::vector<int> advice;
    bool everyday_advice = true;          ///< also show self-care advice and explanations
    /// The phone calls its result offers, the main one first, from help_line_table: "emergency" (call now),
    /// "emergency_if_worse" (the emergency number, if it gets much worse), "non_emergency" (the country's
    /// non-emergency medical line, where it has one). Strings, not an enum: they only travel to the page.
    std::vector<std::string> calls;
    bool ends_check = false;              ///< reaching it stops the questions: show the result now (emergency)
    bool contact_details = false;         ///< its result shows the spa's phone, e-mail or booking link
    bool reminder = false;                ///< its result offers a reminder to check again (needs everyday_advice)
    std::string label, headline;
};

struct text_item {
    std::string id, text;
};

/// A case in which an advice is not given, because there it could harm (no heat on numb skin).
struct withholding {
    std::vector<condition> when;  ///< all hold: the advice is withheld
    std::string why;              ///< for the clinician reading the knowledge base
};

struct advice_item {
    std::string id, text;
    std::vector<withholding> withheld_when;  ///< any one case holding withholds the advice
    bool everyday = false;                   ///< a self-care rule gives it (drink water, rest, warmth...)
};

struct timeline_model {
    int question = -1;
    double peak_starts_hours = 0, peak_ends_hours = 0, usually_gone_hours = 0, seek_advice_hours = 0;
    /// how long after the check its reminder is (dispositions with "reminder"); 0 when the timeline has none
    double recheck_after_hours = 0;
    std::vector<condition> not_sore_when;  ///< all hold: the person is not sore (phases not_sore_yet, not_sore)
    /// building, peak, easing, should_be_gone, not_sore_yet, not_sore, unknown
    std::map<std::string, std::string> phase_texts;
};

/// An amount with a unit in one language's plural forms: category ("one", "other"...) -> text with "{n}".
using plural_text = std::map<std::string, std::string>;

/// A non-emergency medical line: its number and the name people know it by ("NHS 111").
struct advice_line {
    std::string number, name;
};

/// One country's numbers, or the default for countries not listed (country empty).
struct country_help_lines {
    std::string country;                  ///< ISO 3166-1 alpha-2, e.g. "GB"
    std::string emergency;                ///< digits and spaces, a + only first
    advice_line non_emergency;            ///< number empty where the country has none
};

/// Numbers to call, by country; the page picks the country, the result which calls it offers.
struct help_line_table {
    std::string source;
    country_help_lines fallback;          ///< "default" in the data
    std::vector<country_help_lines> countries;
};

/// Phone numbers have at least this many digits and at most E.164's 15.
inline constexpr std::size_t min_phone_digits = 2;
inline constexpr std::size_t max_phone_digits = 15;

struct input_limits {
    std::size_t answers_max_bytes = 65536;
    std::size_t answers_max_depth = 4;
};

class knowledge_base {
public:
    std::string version;
    std::string language, language_name;
    std::array<disposition_info, disposition_count> dispositions;
    std::vector<question> questions;
    /// The question on the start screen (a red-flag multiple question with an exclusive "none"): its signs
    /// are the warning signs every result lists. -1 when the data names none (small test knowledge bases).
    int start_question = -1;
    std::vector<rule> rules;
    std::vector<advice_item> advice;
    std::vector<text_item> explanations;
    timeline_model timeline;
    help_line_table help_lines;           ///< empty when the data has none (then no disposition offers calls)
    input_limits limits;
    std::map<std::string, std::string> ui;  ///< page texts, free-form
    /// The language's plural categories (as Intl.PluralRules names them), and every unit in each of them:
    /// hours, days (an answer standing alone), hours_dative, days_dative (after a preposition that needs it).
    std::vector<std::string> plural_categories;
    std::map<std::string, plural_text> amounts;

    int question_index(std::string_view id) const;
    int advice_index(std::string_view id) const;
    const disposition_info& info(disposition d) const { return dispositions[static_cast<int>(d)]; }
};

/// Either a validated knowledge base or every problem found, each naming where it is.
struct load_result {
    std::optional<knowledge_base> knowledge;
    std::vector<error> errors;
};

/// How the loader treats what only people read. The browser never shows a rule's `source` or the help lines'
/// `source`, so the site's copy leaves them out (web/build strips them, about 2 KB of gzip): its loader
/// (wasm-bindings) is the only one that passes sources_required = false. Every other reader (the CLI, the
/// tests, the verifier) loads the full file and rejects a missing source. A source that is there is checked alike.
struct load_options {
    bool sources_required = true;
};

/// Reads the knowledge base (knowledge-base.json) and one language's texts (strings/<lang>.json).
/// Dangling references, duplicate ids, unknown fields, unreachable dispositions, unused advice and
/// missing or empty texts are load errors, and so are help lines with a malformed country code or phone
/// number, a country listed twice, or no default. So is anything the engine could not evaluate in bounded
/// time and stack: an ask_when using "incomplete", naming its own question or a later one (which
/// rules out cycles), and conditions nested deeper than max_condition_depth. Only a knowledge base
/// from here is safe to give to assess, applies and the checker.
load_result load_knowledge_base(std::string_view knowledge_json, std::string_view strings_json, const load_options& options = {});

}  // namespace soreness
