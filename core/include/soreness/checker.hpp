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

    /// The assessment of these answers: disposition, headline, the calls it offers (see disposition_info::calls,
    /// the main one first), reasons, advice, timeline, trace.
    std::string assess_json(std::string_view answers_json) const;
    /// {"ask": [ids still to ask, in order], "applicable": [ids that apply, in order]}.
    std::string next_questions_json(std::string_view answers_json) const;
    /// Every question with its type, allowed values and texts in the loaded language.
    std::string questions_json() const;
    /// Version, language, page texts, dispositions, the usual timeline, and the help lines:
    /// {"default": {"emergency"}, "countries": [{"country", "emergency", "non_emergency"?: {"number", "name"}}]}.
    std::string about_json() const;

    const knowledge_base& knowledge() const { return kb_; }

private:
    knowledge_base kb_;
};

/// The error envelope for a failure that happened before a checker existed (e.g. a bad knowledge base).
std::string error_json(const error& e);

}  // namespace soreness
