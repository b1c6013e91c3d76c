// The adaptive flow: which questions are still to ask given the answers so far.

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "triage_helpers.hpp"

using nlohmann::json;
using namespace soreness::testing;

namespace {

/// {"ask": [...], "applicable": [...]} from the checker's JSON surface.
json next(const json& answers) {
    json envelope = json::parse(shipped_checker().next_questions_json(answers.dump()));
    REQUIRE_MESSAGE(envelope["ok"] == true, envelope.dump());
    return envelope["result"];
}

/// Every question id in order; "side" only with a sore leg, "pregnancy_signs" never (only in pregnancy).
json all_question_ids(bool with_side) {
    json ids = json::array();
    for (auto& q : kb().questions)
        if ((with_side || q.id != "side") && q.id != "pregnancy_signs") ids.push_back(q.id);
    return ids;
}

bool contains(const json& list, const std::string& id) { return std::find(list.begin(), list.end(), id) != list.end(); }

}  // namespace

TEST_CASE("with nothing answered every question is asked in knowledge-base order, except 'side' and the pregnancy signs") {
    json flow = next(json::object());
    CHECK(flow["ask"] == all_question_ids(false));
    CHECK(flow["applicable"] == all_question_ids(false));
    // The red-flag question comes first.
    CHECK(flow["ask"][0] == "danger_signs");
}

TEST_CASE("'side' is asked only when a leg region is chosen (issue 13: it counts only for the legs)") {
    for (const char* limb : {"thighs", "calves", "feet"}) {
        CAPTURE(limb);
        json flow = next({{"body_regions", {"upper_back", limb}}});
        CHECK(contains(flow["ask"], "side"));
        CHECK(contains(flow["applicable"], "side"));
    }
    for (const char* trunk : {"head", "neck", "shoulders", "upper_back", "lower_back", "chest", "belly", "arms", "hands", "hips_buttocks"}) {
        CAPTURE(trunk);
        json flow = next({{"body_regions", {trunk}}});
        CHECK_FALSE(contains(flow["ask"], "side"));
        CHECK_FALSE(contains(flow["applicable"], "side"));
    }
    SUBCASE("side comes right after the regions") {
        json flow = next({{"danger_signs", {"none"}}, {"passed_signs", {"none"}}, {"hours_since_massage", 5}, {"massage_type", "sports"}, {"pressure", "comfortable"},
                          {"first_massage", "no"}, {"body_regions", {"calves"}}});
        CHECK(flow["ask"][0] == "side");
        CHECK(flow["applicable"] == all_question_ids(true));
    }
    SUBCASE("an answer for 'side' that no longer applies changes nothing") {
        json flow = next({{"body_regions", {"neck"}}, {"side", "left"}});
        CHECK_FALSE(contains(flow["applicable"], "side"));
        CHECK_FALSE(contains(flow["ask"], "side"));
        // With a clot risk, a leg's side decides between urgent and see a doctor; a neck's "side" must not.
        for (const char* risk : {"none", "recent_birth"}) {
            CAPTURE(risk);
            triage with_side = run(usual_with({{"body_regions", {"neck"}}, {"risk_factors", {risk}}, {"side", "right"}}));
            triage without = run(usual_with({{"body_regions", {"neck"}}, {"risk_factors", {risk}}}));
            CHECK(with_side.result == without.result);
            CHECK(with_side.fired == without.fired);
            CHECK(with_side.report["advice"] == without.report["advice"]);
            CHECK(with_side.report["missing"] == json::array());
            CHECK(without.report["missing"] == json::array());
            CHECK(without.report["complete"] == true);
            CHECK_FALSE(with_side.fired_rule("one_sided_leg_with_clot_risk"));
            CHECK_FALSE(without.fired_rule("leg_side_not_answered_with_clot_risk"));
        }
        // The same comparison on a leg tells the side apart, so the one above could see a difference.
        triage leg_with_side = run(usual_with({{"body_regions", {"calves"}}, {"risk_factors", {"recent_birth"}}, {"side", "right"}}));
        triage leg_without = run(usual_with({{"body_regions", {"calves"}}, {"risk_factors", {"recent_birth"}}}));
        CHECK(leg_with_side.result == soreness::disposition::urgent);
        CHECK(leg_without.result == soreness::disposition::see_doctor);
        CHECK(leg_without.report["missing"] == json{"side"});
    }
}

TEST_CASE("answered questions drop out and the order stays") {
    json answers = json::object();
    json expected = all_question_ids(false);
    // Answer in knowledge-base order, one at a time; the list shrinks from the front.
    const json complete = usual_soreness();
    for (auto& q : kb().questions) {
        if (!complete.contains(q.id)) continue;
        answers[q.id] = complete[q.id];
        expected.erase(std::find(expected.begin(), expected.end(), q.id));
        CAPTURE(q.id);
        CHECK(next(answers)["ask"] == expected);
    }
    CHECK(next(answers)["ask"] == json::array());

    // Answering out of order removes exactly that question.
    json flow = next({{"pain_now", 2}, {"risk_factors", {"none"}}});
    json rest = all_question_ids(false);
    for (const char* done : {"pain_now", "risk_factors"}) rest.erase(std::find(rest.begin(), rest.end(), done));
    CHECK(flow["ask"] == rest);
    CHECK(flow["applicable"] == all_question_ids(false));
}

TEST_CASE("the C++ API agrees with the JSON surface") {
    auto parsed = soreness::parse_answers(kb(), R"({"body_regions": ["feet"], "trend": "same"})");
    REQUIRE(parsed.ok());
    json ask = json::array(), applicable = json::array();
    for (int i : soreness::questions_to_ask(kb(), parsed.value())) ask.push_back(kb().questions[i].id);
    for (int i : soreness::applicable_questions(kb(), parsed.value())) applicable.push_back(kb().questions[i].id);
    json flow = next({{"body_regions", {"feet"}}, {"trend", "same"}});
    CHECK(flow["ask"] == ask);
    CHECK(flow["applicable"] == applicable);
    CHECK(soreness::applies(kb(), kb().question_index("side"), parsed.value()));
}

TEST_CASE("bad answers to the flow are errors, not a list") {
    json envelope = json::parse(shipped_checker().next_questions_json(R"({"body_regions": ["legs"]})"));
    CHECK(envelope["ok"] == false);
    CHECK(envelope["error"]["code"] == "answers.unknown_option");
    CHECK(envelope["error"]["where"] == "/body_regions/0");
}

TEST_CASE("issue 13: the pregnancy warning signs are asked only when pregnant") {
    CHECK_FALSE(contains(next({{"risk_factors", {"none"}}})["applicable"], "pregnancy_signs"));
    CHECK_FALSE(contains(next({{"risk_factors", {"recent_birth", "hormones"}}})["applicable"], "pregnancy_signs"));
    json flow = next({{"risk_factors", {"pregnancy"}}});
    CHECK(contains(flow["applicable"], "pregnancy_signs"));
    CHECK(contains(flow["ask"], "pregnancy_signs"));
}
