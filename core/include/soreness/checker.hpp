#pragma once
/// JSON in, JSON out: the surface used by the command line and the WebAssembly bindings.
/// Every call returns {"ok":true,"result":...} or {"ok":false,"error":{"code","where","message"}}.

#include <string>
#include <string_view>

#include "soreness/knowledge_base.hpp"

namespace soreness {

class checker {
public:
    explicit checker(knowledge_base kb) : kb_(std::move(kb)) {}

    /// The assessment of the answers that count (see step_json; the rest are listed in "dropped"): disposition, headline, the calls it offers (see disposition_info::calls,
    /// the main one first), reasons, advice, timeline, trace.
    std::string assess_json(std::string_view answers_json) const;
    /// One move of the check: {"answers": the answers that count (those to questions that do not apply dropped,
    /// to a fixed point), "dropped": [ids], "applicable": [ids, in order], "ask": [applicable and unanswered],
    /// "final": whether the answers already reach a disposition that ends the check (emergency),
    /// "assessment": as assess_json, when final or `with_assessment`, else null}.
    std::string step_json(std::string_view answers_json, bool with_assessment) const;
    /// {"ask": [ids still to ask, in order], "applicable": [ids that apply, in order]}.
    std::string next_questions_json(std::string_view answers_json) const;
    /// Every question with its type, its input (choice, regions, scale, duration, number), allowed values and texts in
    /// the loaded language (a scale's min_text and max_text too).
    std::string questions_json() const;
    /// Version, language, page texts, dispositions, the usual timeline, the start question's id (null when the
    /// data names none), the fallback advice for a page whose engine cannot run ([{id, text}]), and the help lines:
    /// {"default": {"emergency"}, "countries": [{"country", "emergency", "non_emergency"?: {"number", "name"}}]}.
    std::string about_json() const;

    const knowledge_base& knowledge() const { return kb_; }

private:
    knowledge_base kb_;
};

/// The error envelope for a failure that happened before a checker existed (e.g. a bad knowledge base).
std::string error_json(const error& e);

}  // namespace soreness
