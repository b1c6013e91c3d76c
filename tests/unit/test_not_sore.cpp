// Issue 18: someone who is not sore at all. Pain 0 makes the questions about the pain (what it feels
// like, how it is going, what it stops) not apply, "Where does it hurt?" offers "Nowhere", and the
// result is self-care with texts for someone who is not sore; the red-flag questions are still asked
// and still decide.

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "triage_helpers.hpp"

using nlohmann::json;
using soreness::disposition;
using namespace soreness::testing;

namespace {

json next(const json& answers) {
    json envelope = json::parse(shipped_checker().next_questions_json(answers.dump()));
    REQUIRE_MESSAGE(envelope["ok"] == true, envelope.dump());
    return envelope["result"];
}

bool contains(const json& list, const std::string& id) { return std::find(list.begin(), list.end(), id) != list.end(); }

}  // namespace

TEST_CASE("issue 18: pain 0 drops the questions about the pain, never the red-flag ones") {
    json flow = next({{"danger_signs", {"none"}}, {"passed_signs", {"none"}}, {"body_regions", {"none"}}, {"pain_now", 0}});
    for (const char* gone : {"pain_feel", "trend", "daily_impact", "side"}) CHECK_MESSAGE(!contains(flow["applicable"], gone), gone);
    CHECK(flow["ask"] == json{"hours_since_massage", "massage_type", "pressure", "first_massage", "symptoms", "risk_factors"});
    SUBCASE("any pain at all, or none said yet, asks them") {
        for (const json& pain : {json(1), json(nullptr)}) {
            json answers = {{"danger_signs", {"none"}}, {"body_regions", {"none"}}};
            if (!pain.is_null()) answers["pain_now"] = pain;
            json applicable = next(answers)["applicable"];
            for (const char* asked : {"pain_feel", "trend", "daily_impact", "symptoms", "risk_factors"})
                CHECK_MESSAGE(contains(applicable, asked), asked << " with pain " << pain.dump());
        }
    }
}

TEST_CASE("issue 18: the person who is not sore ends on self-care, complete, with texts that fit") {
    triage t = run(not_sore_at_all());
    CHECK(t.result == disposition::self_care);
    CHECK(t.report["complete"] == true);
    CHECK(t.report["missing"] == json::array());
    CHECK_FALSE(t.fired_rule("answers_missing"));
    CHECK_FALSE(t.fired_rule("usual_soreness"));  // "soreness that builds over the first day" is not theirs
    CHECK(t.fired_rule("not_sore"));
    json reasons = json::array();
    for (auto& r : t.report["reasons"]) reasons.push_back(r["rule"]);
    CHECK(reasons == json{"not_sore"});
    json advice = json::array();
    for (auto& a : t.report["advice"]) advice.push_back(a["id"]);
    CHECK(advice == json{"if_soreness_starts", "worse_seek_help_sooner"});
    CHECK(t.report["timeline"]["phase"] == "not_sore_yet");
    CHECK(t.report["timeline"]["phase_text"] == kb().timeline.phase_texts.at("not_sore_yet"));
    SUBCASE("two days later, still not sore") {
        json answers = not_sore_at_all();
        answers["hours_since_massage"] = 50;
        triage later = run(answers);
        CHECK(later.result == disposition::self_care);
        CHECK(later.report["timeline"]["phase"] == "not_sore");
        // Issue 18 review: two days on, "it may still come" and "if soreness starts" no longer fit.
        json later_reasons = json::array();
        for (const auto& r : later.report["reasons"]) later_reasons.push_back(r["rule"]);
        CHECK(later_reasons == json{"not_sore_after_two_days"});
        for (const auto& a : later.report["advice"]) CHECK(a["id"] != "if_soreness_starts");
    }
}

TEST_CASE("issue 18: not sore, but a sign still decides") {
    struct sign {
        json overrides;
        disposition at_least;
    };
    for (const sign& s : {sign{{{"symptoms", {"numbness"}}}, disposition::see_doctor},
                          sign{{{"symptoms", {"one_leg"}}}, disposition::urgent},
                          sign{{{"symptoms", {"mild_bruising"}}}, disposition::contact_therapist},
                          sign{{{"risk_factors", {"injury_worse"}}}, disposition::see_doctor},
                          sign{{{"danger_signs", {"saddle_numbness"}}}, disposition::emergency},
                          sign{{{"pressure", "too_painful"}}, disposition::contact_therapist}}) {
        json answers = not_sore_at_all();
        answers.merge_patch(s.overrides);
        CAPTURE(answers.dump());
        CHECK(run(answers).result >= s.at_least);
    }
    SUBCASE("the red-flag questions left open are never reassuring") {
        for (const char* open : {"symptoms", "risk_factors", "danger_signs", "body_regions"}) {
            json answers = not_sore_at_all();
            answers.erase(open);
            CAPTURE(open);
            CHECK(run(answers).result >= disposition::contact_therapist);
        }
    }
}

TEST_CASE("issue 18: 'Nowhere' cannot be ticked together with a place, and a sore place wins") {
    triage t = run(usual_with({{"body_regions", {"none", "chest"}}}));
    CHECK(t.report["conflicts"] == json{"body_regions"});
    CHECK(t.fired_rule("chest_region_sore"));
}
