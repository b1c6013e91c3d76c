#pragma once
/// The triage rules as a table a clinician can review: one row per rule, in knowledge-base order.

#include <string>

#include "soreness/knowledge_base.hpp"

namespace soreness {

/// One condition in plain words with the option ids, e.g.
/// "symptoms has any of: dark_urine (Dark brown or cola-coloured pee)".
std::string describe_condition(const knowledge_base& kb, const condition& c);

/// All of a rule's conditions joined with "AND"; "always" for a rule without conditions.
std::string describe_conditions(const knowledge_base& kb, const rule& r);

/// A Markdown document: a short header, then a table with the columns
/// rule, conditions, disposition, reason, advice, source. Deterministic (docs/rules.md is generated from it).
std::string decision_table_markdown(const knowledge_base& kb);

/// The same rows as CSV (RFC 4180 quoting, "\n" line ends), with a header row.
std::string decision_table_csv(const knowledge_base& kb);

}  // namespace soreness
