#pragma once
// Shared by the assessment, timeline, flow and vignette tests: the shipped knowledge base loaded once,
// a complete "usual soreness" answer set to start cases from, and one call that runs a case.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "soreness/answers.hpp"
#include "soreness/assessment.hpp"
#include "soreness/checker.hpp"
#include "test_support.hpp"

namespace soreness::testing {

using nlohmann::json;

/// One checker over the shipped English knowledge base, loaded on first use.
inline const checker& shipped_checker() {
    static const checker instance(shipped_knowledge());
    return instance;
}
inline const knowledge_base& kb() { return shipped_checker().knowledge(); }

/// A JSON test data file under tests/data/, parsed once per name; fails the test when it is not JSON.
inline const json& test_data(const std::string& name) {
    static std::map<std::string, json> cache;
    auto found = cache.find(name);
    if (found != cache.end()) return found->second;
    json parsed = json::parse(read_text(test_data_path("data/" + name)), nullptr, false);
    REQUIRE_MESSAGE(!parsed.is_discarded(), "tests/data/" << name << " is not valid JSON");
    return cache.emplace(name, std::move(parsed)).first->second;
}

/// The usual answers (tests/data/usual-answers.json, shared with the JS and browser tests): a complete
/// answer set that is the textbook "good soreness". Cases change only what they test.
inline json usual_soreness() {
    const json& answers = test_data("usual-answers.json")["answers"];
    REQUIRE(answers.is_object());
    return answers;
}

/// usual_soreness() with `overrides` merged in (RFC 7396: a null value removes the answer).
inline json usual_with(const json& overrides) {
    json answers = usual_soreness();
    // `{}` in a brace list is a JSON null, which merge_patch would take as "replace everything".
    if (!overrides.is_null()) answers.merge_patch(overrides);
    return answers;
}

/// Not sore at all (issue 18): a relaxation massage two hours ago, no pain, nowhere sore, no sign, no risk factor;
/// the questions about the pain do not apply, so they are left out.
inline json not_sore_at_all() {
    return usual_with({{"hours_since_massage", 2}, {"pressure", "comfortable"}, {"body_regions", {"none"}}, {"pain_now", 0},
                       {"pain_feel", nullptr}, {"trend", nullptr}, {"daily_impact", nullptr}});
}

/// What one case gave: the disposition, the ids of the rules that fired (in rule order) and the
/// JSON report the page would show.
struct triage {
    disposition result = disposition::self_care;
    std::vector<std::string> fired;
    json report;

    bool fired_rule(const std::string& id) const {
        for (auto& f : fired)
            if (f == id) return true;
        return false;
    }
    std::string fired_text() const {
        std::string text;
        for (auto& f : fired) text += (text.empty() ? "" : ", ") + f;
        return text;
    }
};

/// Runs answers through parse_answers + drop_inapplicable + assess and through the checker's JSON surface; fails the
/// test when the answers are rejected.
inline triage run(const json& answers) {
    const std::string text = answers.dump();
    auto parsed = parse_answers(kb(), text);
    REQUIRE_MESSAGE(parsed.ok(), "answers rejected: " << (parsed.ok() ? std::string() : parsed.failure().text()) << "\n" << text);
    drop_inapplicable(kb(), parsed.value());  // as assess_json does: answers to questions that do not apply do not count
    auto assessed = assess(kb(), parsed.value());
    triage t;
    t.result = assessed.result;
    for (std::size_t i = 0; i < kb().rules.size(); ++i)
        if (assessed.rule_fired(i)) t.fired.push_back(kb().rules[i].id);
    json envelope = json::parse(shipped_checker().assess_json(text));
    REQUIRE(envelope["ok"] == true);
    t.report = envelope["result"];
    // The two surfaces must agree.
    CHECK(t.report["disposition"]["id"] == disposition_id(t.result));
    return t;
}

/// The disposition with this id; fails the test for an unknown id.
inline disposition disposition_named(const std::string& id) {
    for (int i = 0; i < disposition_count; ++i)
        if (id == disposition_id(static_cast<disposition>(i))) return static_cast<disposition>(i);
    FAIL("unknown disposition id '" << id << "'");
    return disposition::self_care;
}

}  // namespace soreness::testing

namespace doctest {
template <>
struct StringMaker<soreness::disposition> {
    static String convert(soreness::disposition d) { return soreness::disposition_id(d); }
};
}  // namespace doctest
