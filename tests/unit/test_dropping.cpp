// Issue 15: answers to questions that no longer apply are dropped in the core, to a fixed point, so the
// page, the command line and the JS API judge the same answers alike (before, only the page dropped them).

#include <string>

#include <nlohmann/json.hpp>

#include "soreness/answers.hpp"
#include "soreness/checker.hpp"
#include "triage_helpers.hpp"

using nlohmann::json;
using soreness::disposition;
using namespace soreness::testing;

namespace {

json result_of(const soreness::checker& c, const json& answers) {
    json envelope = json::parse(c.assess_json(answers.dump()));
    REQUIRE_MESSAGE(envelope["ok"] == true, envelope.dump());
    return envelope["result"];
}

/// The question ids whose bits are set in `questions`.
json ids(const soreness::knowledge_base& base, std::uint64_t questions) {
    json list = json::array();
    for (std::size_t i = 0; i < base.questions.size(); ++i)
        if (questions >> i & 1U) list.push_back(base.questions[i].id);
    return list;
}

}  // namespace

TEST_CASE("issue 15: not sore, what the pain feels like does not count, even when it says sharp and shooting") {
    json answers = not_sore_at_all();
    answers["pain_feel"] = {"sharp_shooting"};
    json with_feel = result_of(shipped_checker(), answers);
    json without = result_of(shipped_checker(), not_sore_at_all());
    CHECK(with_feel["dropped"] == json{"pain_feel"});
    CHECK(without["dropped"] == json::array());
    CHECK(with_feel["disposition"]["id"] == "self_care");
    CHECK(with_feel["trace"] == without["trace"]);
    CHECK(with_feel["advice"] == without["advice"]);
    SUBCASE("the same answer counts where the pain is above 0") {
        answers["pain_now"] = 3;
        json sore = result_of(shipped_checker(), answers);
        CHECK(sore["dropped"] == json::array());
        CHECK(sore["disposition"]["id"] == "contact_therapist");
    }
    SUBCASE("every pain question at once, and a side without a leg") {
        answers["trend"] = "worse";
        answers["daily_impact"] = "stops_normal";
        answers["side"] = "left";
        answers["hours_since_massage"] = 60;  // worse after two days would be see_doctor, if trend counted
        json r = result_of(shipped_checker(), answers);
        CHECK(r["dropped"] == json{"side", "pain_feel", "trend", "daily_impact"});
        CHECK(r["disposition"]["id"] == "self_care");
        CHECK(r["complete"] == true);
    }
}

TEST_CASE("issue 15: drop_inapplicable forgets the answer and its conflict mark") {
    auto parsed = soreness::parse_answers(kb(), R"({"risk_factors": ["none"], "pregnancy_signs": ["none", "bleeding"]})");
    REQUIRE(parsed.ok());
    auto& answers = parsed.value();
    const int pregnancy_signs = kb().question_index("pregnancy_signs");
    REQUIRE(((answers.conflicts >> pregnancy_signs) & 1U) == 1U);
    CHECK(ids(kb(), soreness::drop_inapplicable(kb(), answers)) == json{"pregnancy_signs"});
    CHECK_FALSE(answers.by_question[pregnancy_signs].answered);
    CHECK(answers.by_question[pregnancy_signs].options == 0);
    CHECK(answers.conflicts == 0);
    CHECK(soreness::drop_inapplicable(kb(), answers) == 0);  // nothing left to drop
    SUBCASE("in pregnancy the signs count, conflict and all") {
        auto pregnant = soreness::parse_answers(kb(), R"({"risk_factors": ["pregnancy"], "pregnancy_signs": ["none", "bleeding"]})");
        REQUIRE(pregnant.ok());
        CHECK(soreness::drop_inapplicable(kb(), pregnant.value()) == 0);
        CHECK(result_of(shipped_checker(), json::parse(R"({"risk_factors": ["pregnancy"], "pregnancy_signs": ["none", "bleeding"]})"))["conflicts"] ==
              json{"pregnancy_signs"});
    }
}

TEST_CASE("issue 15: dropping one answer can make another question stop applying, and that answer goes too") {
    // A knowledge base where "what stops you" is asked only after a sharp pain: pain 0 drops the pain's feel,
    // which drops the daily impact in turn.
    json base = json::parse(shipped_knowledge_text());
    for (auto& q : base["questions"])
        if (q["id"] == "daily_impact") q["ask_when"] = json::array({{{"question", "pain_feel"}, {"has_any", {"sharp_shooting"}}}});
    auto loaded = soreness::load_knowledge_base(base.dump(), shipped_strings_text());
    REQUIRE_MESSAGE(loaded.errors.empty(), loaded.errors.front().text());
    const soreness::checker chained(std::move(*loaded.knowledge));

    json answers = not_sore_at_all();
    answers["pain_now"] = 9;
    answers["pain_feel"] = {"sharp_shooting"};
    answers["daily_impact"] = "stops_normal";
    json severe = result_of(chained, answers);
    CHECK(severe["dropped"] == json::array());
    CHECK(severe["disposition"]["id"] == "urgent");  // severe pain that stops normal activities

    answers["pain_now"] = 0;
    json r = result_of(chained, answers);
    CHECK(r["dropped"] == json{"pain_feel", "daily_impact"});
    CHECK(r["disposition"]["id"] == "self_care");
    CHECK(r["trace"] == result_of(chained, not_sore_at_all())["trace"]);
    json next = json::parse(chained.next_questions_json(answers.dump()))["result"];
    CHECK(next["applicable"] == json{"danger_signs", "passed_signs", "hours_since_massage", "massage_type", "pressure", "first_massage",
                                     "body_regions", "pain_now", "symptoms", "risk_factors"});
    CHECK(next["ask"] == json::array());
}
