#include "compiled_conditions.hpp"

namespace soreness::detail {

namespace {

struct compiler {
    compiled_conditions& flat;

    /// The list's own tests are contiguous; an "any"'s alternatives go after them, each level in one run.
    flat_list list(const std::vector<condition>& conditions) {
        const flat_list placed{static_cast<std::uint32_t>(flat.tests.size()), static_cast<std::uint32_t>(conditions.size())};
        flat.tests.resize(flat.tests.size() + conditions.size());
        for (std::uint32_t i = 0; i < placed.count; ++i) {
            // Built before it is stored: compiling an "any" grows the array.
            const flat_test t = test(conditions[i]);
            flat.tests[placed.first + i] = t;
        }
        return placed;
    }

    flat_test test(const condition& c) {
        flat_test t;
        t.test = c.test;
        t.question = c.question < 0 ? 0 : static_cast<std::uint8_t>(c.question);
        t.options = c.options;
        t.threshold = c.threshold;
        if (c.test == condition::kind::any) {
            const flat_list alternatives = list(c.any);
            t.first = alternatives.first;
            t.count = alternatives.count;
        }
        return t;
    }
};

}  // namespace

compiled_conditions compile_conditions(const knowledge_base& kb) {
    compiled_conditions flat;
    compiler build{flat};
    for (const rule& r : kb.rules) flat.rules.push_back(build.list(r.when));
    for (const question& q : kb.questions) flat.ask_when.push_back(build.list(q.ask_when));
    for (const advice_item& item : kb.advice) {
        flat.first_withholding.push_back(static_cast<std::uint32_t>(flat.withholdings.size()));
        for (const withholding& w : item.withheld_when) flat.withholdings.push_back(build.list(w.when));
    }
    flat.first_withholding.push_back(static_cast<std::uint32_t>(flat.withholdings.size()));
    flat.not_sore_when = build.list(kb.timeline.not_sore_when);
    return flat;
}

bool any_holds(const compiled_conditions& flat, const flat_test& t, const answer_set& answers, std::uint64_t missing) {
    for (std::uint32_t i = t.first; i < t.first + t.count; ++i)
        if (test_holds(flat, flat.tests[i], answers, missing)) return true;
    return false;
}

}  // namespace soreness::detail
