#pragma once
// The core's flat form of a knowledge base's conditions (knowledge_base::compiled): built once by the loader,
// evaluated by assess, given_advice and applies. It gives the same truth as the recursive holds() on the
// `condition` values it was built from; only the memory it walks differs.

#include <cstdint>

#include "soreness/answers.hpp"
#include "soreness/knowledge_base.hpp"

namespace soreness::detail {

/// Builds the flat form of every condition list of `kb` (its rules, ask_whens, withholdings and not_sore_when).
compiled_conditions compile_conditions(const knowledge_base& kb);

/// An "any": one of its alternatives holds. Out of line: rare, and recursive.
bool any_holds(const compiled_conditions& flat, const flat_test& t, const answer_set& answers, std::uint64_t missing);

/// A test of one answer (every kind but "any" and "incomplete"), of a `condition` or of its `flat_test`: the one
/// place that says what each test means.
template <class test_of_one_answer>
bool answer_holds(const test_of_one_answer& t, const answer& a) {
    using kind = condition::kind;
    if (t.test == kind::unanswered) return !a.answered;
    if (!a.answered) return false;
    switch (t.test) {
        case kind::has_any:
        case kind::is_any: return (a.options & t.options) != 0;
        case kind::has_all: return (a.options & t.options) == t.options;
        case kind::at_least: return a.number >= t.threshold;
        case kind::below: return a.number < t.threshold;
        default: return false;
    }
}

/// `missing`: the applicable questions not answered, what "incomplete" tests.
inline bool test_holds(const compiled_conditions& flat, const flat_test& t, const answer_set& answers, std::uint64_t missing) {
    switch (t.test) {
        case condition::kind::any: return any_holds(flat, t, answers, missing);
        case condition::kind::incomplete: return missing != 0;
        default: return answer_holds(t, answers.by_question[t.question]);
    }
}

inline bool all_hold(const compiled_conditions& flat, flat_list list, const answer_set& answers, std::uint64_t missing) {
    const flat_test* t = flat.tests.data() + list.first;
    for (const flat_test* end = t + list.count; t != end; ++t)
        if (!test_holds(flat, *t, answers, missing)) return false;
    return true;
}

}  // namespace soreness::detail
