// The triage: every rule of the knowledge base fires on a case written for it, every bullet of the
// triage policy (issue 3) holds on a case that otherwise looks like normal soreness, unanswered
// red-flag questions never get a reassuring answer, and the output is deterministic.

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "triage_helpers.hpp"

using nlohmann::json;
using soreness::disposition;
using namespace soreness::testing;

namespace {

/// Runs usual_with(overrides) and checks the disposition is at least `floor`, showing the trace on failure.
triage expect_at_least(const json& overrides, disposition floor) {
    triage t = run(usual_with(overrides));
    CHECK_MESSAGE(t.result >= floor, "answers " << overrides.dump() << " gave " << disposition_id(t.result) << "; fired: " << t.fired_text());
    return t;
}

triage expect_exactly(const json& overrides, disposition expected) {
    triage t = run(usual_with(overrides));
    CHECK_MESSAGE(t.result == expected, "answers " << overrides.dump() << " gave " << disposition_id(t.result) << "; fired: " << t.fired_text());
    return t;
}

std::vector<std::string> advice_ids(const triage& t) {
    std::vector<std::string> ids;
    for (auto& a : t.report["advice"]) ids.push_back(a["id"]);
    return ids;
}

/// Advice that only self-care rules give: what the everyday "look after it at home" list is made of.
std::set<std::string> everyday_advice() {
    std::set<std::string> ids;
    for (auto& r : kb().rules)
        if (r.requires_at_least == disposition::self_care)
            for (int a : r.advice) ids.insert(kb().advice[a].id);
    return ids;
}

std::string shared(const std::vector<std::string>& given, const std::set<std::string>& forbidden) {
    std::string found;
    for (auto& id : given)
        if (forbidden.count(id)) found += (found.empty() ? "" : ", ") + id;
    return found;
}

/// One case per rule (tests/data/rule-cases.json, shared with tests/js/rule-cases.test.mjs): the changes
/// to the usual answers that make the rule fire, and the least urgent disposition that is clinically right
/// for that case, judged from the triage policy, not read off the knowledge base.
struct rule_case {
    std::string rule;
    json overrides;
    disposition at_least;
};

const std::vector<rule_case>& rule_cases() {
    static const std::vector<rule_case> cases = [] {
        std::vector<rule_case> read;
        const json& data = test_data("rule-cases.json")["cases"];
        REQUIRE(data.is_array());
        for (const auto& c : data) read.push_back({c.at("rule").get<std::string>(), c.at("changes"), disposition_named(c.at("at_least").get<std::string>())});
        return read;
    }();
    return cases;
}

}  // namespace

TEST_CASE("the usual-soreness starting point is self-care with nothing missing") {
    triage t = run(usual_soreness());
    CHECK(t.result == disposition::self_care);
    CHECK(t.report["complete"] == true);
    CHECK(t.report["missing"] == json::array());
}

TEST_CASE("every rule in the knowledge base has a case in tests/data/rule-cases.json") {
    std::set<std::string> covered;
    for (auto& c : rule_cases()) {
        CHECK_MESSAGE(covered.insert(c.rule).second, "two cases for rule " << c.rule);
        CHECK_MESSAGE(kb().rules.end() != std::find_if(kb().rules.begin(), kb().rules.end(), [&](auto& r) { return r.id == c.rule; }),
                      "a case for rule '" << c.rule << "', which the knowledge base no longer has");
    }
    for (auto& r : kb().rules)
        CHECK_MESSAGE(covered.count(r.id) == 1, "rule '" << r.id << "' has no case in tests/data/rule-cases.json; add one");
}

TEST_CASE("every rule fires on its case and the disposition is at least what the case needs") {
    for (auto& c : rule_cases()) {
        CAPTURE(c.rule);
        triage t = run(usual_with(c.overrides));
        CHECK_MESSAGE(t.fired_rule(c.rule), "rule " << c.rule << " did not fire on " << c.overrides.dump() << "; fired: " << t.fired_text());
        CHECK_MESSAGE(t.result >= c.at_least,
                      "rule " << c.rule << ": " << disposition_id(t.result) << " is milder than " << disposition_id(c.at_least));
        const auto found = std::find_if(kb().rules.begin(), kb().rules.end(), [&](auto& each) { return each.id == c.rule; });
        REQUIRE_MESSAGE(found != kb().rules.end(), "no rule " << c.rule);
        const auto& r = *found;
        // The result is the most urgent disposition any fired rule requires.
        CHECK(t.result >= r.requires_at_least);
        const json trace_entry = {{"rule", c.rule}, {"requires", disposition_id(r.requires_at_least)}};
        CHECK(std::find(t.report["trace"].begin(), t.report["trace"].end(), trace_entry) != t.report["trace"].end());
    }
}

TEST_CASE("a rule does not fire when its condition is absent") {
    // The usual-soreness case fires only self-care rules.
    triage t = run(usual_soreness());
    for (auto& r : kb().rules)
        if (r.requires_at_least != disposition::self_care) CHECK_MESSAGE(!t.fired_rule(r.id), r.id);
    // Conditions on an unanswered question are false (unanswered is handled by its own rules).
    triage no_pain = run(usual_with({{"pain_now", nullptr}}));
    CHECK_FALSE(no_pain.fired_rule("much_more_sore_than_expected"));
    CHECK(no_pain.fired_rule("answers_missing"));
}

TEST_CASE("policy: emergency") {
    SUBCASE("chest pain") { expect_exactly({{"danger_signs", {"chest_pain"}}}, disposition::emergency); }
    SUBCASE("shortness of breath") { expect_exactly({{"danger_signs", {"short_breath"}}}, disposition::emergency); }
    SUBCASE("sudden severe headache") { expect_exactly({{"danger_signs", {"sudden_headache"}}}, disposition::emergency); }
    SUBCASE("dizziness, vision or speech problems") { expect_exactly({{"danger_signs", {"brain_signs"}}}, disposition::emergency); }
    SUBCASE("numbness around the groin or loss of bladder or bowel control") {
        expect_exactly({{"danger_signs", {"saddle_numbness"}}}, disposition::emergency);
    }
    SUBCASE("one-leg swelling with shortness of breath") {
        expect_exactly({{"danger_signs", {"short_breath"}}, {"symptoms", {"one_leg", "swelling"}}, {"body_regions", {"calves"}}, {"side", "left"}},
                       disposition::emergency);
    }
    SUBCASE("one-leg swelling with chest pain") {
        triage t = expect_exactly({{"danger_signs", {"chest_pain"}}, {"symptoms", {"one_leg"}}, {"body_regions", {"thighs"}}, {"side", "right"}},
                                  disposition::emergency);
        CHECK(t.fired_rule("one_leg_with_breathing_or_chest"));
    }
    SUBCASE("a danger sign outweighs everything reassuring") {
        expect_exactly({{"danger_signs", {"short_breath"}}, {"pain_now", 1}, {"trend", "better"}, {"hours_since_massage", 2}},
                       disposition::emergency);
    }
}

TEST_CASE("policy: urgent") {
    SUBCASE("dark or cola-coloured urine") { expect_at_least({{"symptoms", {"dark_urine"}}}, disposition::urgent); }
    SUBCASE("pain, swelling or warmth in one calf or leg") {
        expect_at_least({{"symptoms", {"one_leg"}}, {"body_regions", {"calves"}}, {"side", "left"}}, disposition::urgent);
    }
    SUBCASE("fever with redness or warmth") { expect_at_least({{"symptoms", {"fever_chills", "redness_warmth"}}}, disposition::urgent); }
    SUBCASE("fever with pus") { expect_at_least({{"symptoms", {"fever_chills", "pus_wound"}}}, disposition::urgent); }
    SUBCASE("fever with spreading redness and swelling") {
        expect_at_least({{"symptoms", {"fever_chills", "redness_warmth", "swelling"}}}, disposition::urgent);
    }
    SUBCASE("new weakness in an arm or leg") {
        expect_at_least({{"symptoms", {"limb_weakness"}}, {"body_regions", {"arms"}}, {"side", "right"}}, disposition::urgent);
    }
    SUBCASE("large or spreading bruising on blood thinners") {
        expect_at_least({{"risk_factors", {"blood_thinners"}}, {"symptoms", {"large_bruising"}}}, disposition::urgent);
    }
    SUBCASE("swelling on blood thinners") {
        expect_at_least({{"risk_factors", {"blood_thinners"}}, {"symptoms", {"swelling"}}}, disposition::urgent);
    }
    SUBCASE("severe pain (8 or more) getting worse") { expect_at_least({{"pain_now", 8}, {"trend", "worse"}}, disposition::urgent); }
    SUBCASE("severe pain that stops normal activities") {
        expect_at_least({{"pain_now", 8}, {"daily_impact", "stops_normal"}}, disposition::urgent);
        expect_at_least({{"pain_now", 10}, {"daily_impact", "stops_normal"}, {"trend", "better"}}, disposition::urgent);
    }
    SUBCASE("the thresholds are where the policy puts them") {
        // 7 and getting worse, or 7 and stopping activities, is not yet "severe".
        triage seven_worse = run(usual_with({{"pain_now", 7}, {"trend", "worse"}}));
        CHECK(seven_worse.result < disposition::urgent);
        triage eight_same = run(usual_with({{"pain_now", 8}, {"trend", "same"}, {"daily_impact", "some"}}));
        CHECK(eight_same.result < disposition::urgent);
    }
}

TEST_CASE("policy: see_doctor") {
    SUBCASE("not improving after 3-4 days") {
        expect_at_least({{"hours_since_massage", 80}, {"trend", "same"}}, disposition::see_doctor);
        expect_at_least({{"hours_since_massage", 96}, {"trend", "worse"}}, disposition::see_doctor);
        expect_at_least({{"hours_since_massage", 72}, {"trend", "same"}}, disposition::see_doctor);
    }
    SUBCASE("getting worse after 48 hours") { expect_at_least({{"hours_since_massage", 50}, {"trend", "worse"}}, disposition::see_doctor); }
    SUBCASE("severe pain not improved after 2-3 days") {
        expect_at_least({{"pain_now", 8}, {"hours_since_massage", 60}, {"trend", "same"}}, disposition::see_doctor);
    }
    SUBCASE("large bruising") { expect_at_least({{"symptoms", {"large_bruising"}}}, disposition::see_doctor); }
    SUBCASE("marked swelling") { expect_at_least({{"symptoms", {"swelling"}}}, disposition::see_doctor); }
    SUBCASE("redness") { expect_at_least({{"symptoms", {"redness_warmth"}}}, disposition::see_doctor); }
    SUBCASE("numbness") { expect_at_least({{"symptoms", {"numbness"}}}, disposition::see_doctor); }
    SUBCASE("tingling") { expect_at_least({{"symptoms", {"tingling"}}}, disposition::see_doctor); }
    SUBCASE("fever on its own") { expect_at_least({{"symptoms", {"fever_chills"}}}, disposition::see_doctor); }
    SUBCASE("a previous injury that feels worse") { expect_at_least({{"risk_factors", {"injury_worse"}}}, disposition::see_doctor); }
    SUBCASE("a recent surgery or injury site that feels worse") {
        expect_at_least({{"risk_factors", {"recent_surgery_injury"}}, {"trend", "worse"}}, disposition::see_doctor);
    }
}

TEST_CASE("policy: contact_therapist") {
    SUBCASE("the pressure was too painful") { expect_at_least({{"pressure", "too_painful"}}, disposition::contact_therapist); }
    SUBCASE("sharp or shooting pain with no other flag") {
        expect_at_least({{"pain_feel", {"sharp_shooting"}}}, disposition::contact_therapist);
    }
    SUBCASE("not easing after about 2 days, under 3-4") {
        expect_at_least({{"hours_since_massage", 50}, {"trend", "same"}}, disposition::contact_therapist);
        expect_at_least({{"hours_since_massage", 70}, {"trend", "same"}}, disposition::contact_therapist);
    }
    SUBCASE("much more sore than expected (7 or more) with no flag") {
        expect_at_least({{"pain_now", 7}}, disposition::contact_therapist);
    }
    SUBCASE("mild bruising") { expect_at_least({{"symptoms", {"mild_bruising"}}}, disposition::contact_therapist); }
}

TEST_CASE("policy: self_care for the expected pattern") {
    SUBCASE("a day after, dull and tender, about the same") { expect_exactly({}, disposition::self_care); }
    SUBCASE("a few hours after, still building") {
        expect_exactly({{"hours_since_massage", 3}, {"pain_now", 5}, {"trend", "worse"}}, disposition::self_care);
    }
    SUBCASE("worse at 30 hours is the usual peak") {
        expect_exactly({{"hours_since_massage", 30}, {"trend", "worse"}, {"pain_now", 6}}, disposition::self_care);
    }
    SUBCASE("stiff, improving on day 3") {
        expect_exactly({{"hours_since_massage", 60}, {"trend", "better"}, {"pain_feel", {"stiff"}}}, disposition::self_care);
    }
    SUBCASE("first deep-tissue massage, sore legs on both sides, tired") {
        expect_exactly({{"first_massage", "yes"}, {"massage_type", "deep_tissue"}, {"body_regions", {"thighs", "calves"}}, {"side", "both"},
                        {"symptoms", {"tiredness", "mild_headache"}}, {"pain_feel", {"dull_ache", "stiff"}}},
                       disposition::self_care);
    }
    SUBCASE("self-care reasons and the explanations are shown") {
        triage t = expect_exactly({}, disposition::self_care);
        REQUIRE_FALSE(t.report["reasons"].empty());
        for (auto& reason : t.report["reasons"]) CHECK(reason["requires"] == "self_care");
        CHECK_FALSE(t.report["explanations"].empty());
        const auto advice = advice_ids(t);
        CHECK(std::find(advice.begin(), advice.end(), "drink_water") != advice.end());
        CHECK(std::find(advice.begin(), advice.end(), "gentle_movement") != advice.end());
    }
}

TEST_CASE("unanswered questions never give a reassuring answer") {
    SUBCASE("nothing answered") {
        triage t = run(json::object());
        CHECK(t.result >= disposition::see_doctor);
        CHECK(t.report["complete"] == false);
        CHECK(t.report["missing"].size() == kb().questions.size() - 2);  // "side" and "pregnancy_signs" do not apply yet
    }
    SUBCASE("danger signs unanswered") {
        triage t = expect_at_least({{"danger_signs", nullptr}}, disposition::see_doctor);
        CHECK(t.fired_rule("danger_signs_not_answered"));
        CHECK(t.report["missing"] == json{"danger_signs"});
        const auto advice = advice_ids(t);
        CHECK(std::find(advice.begin(), advice.end(), "check_danger_signs") != advice.end());
    }
    SUBCASE("symptoms unanswered") {
        triage t = expect_at_least({{"symptoms", nullptr}}, disposition::see_doctor);
        CHECK(t.fired_rule("symptoms_not_answered"));
    }
    SUBCASE("risk factors unanswered") {
        triage t = expect_at_least({{"risk_factors", nullptr}}, disposition::contact_therapist);
        CHECK(t.fired_rule("risk_factors_not_answered"));
    }
    SUBCASE("any one question missing") {
        const json complete = usual_soreness();
        for (auto& item : complete.items()) {
            CAPTURE(item.key());
            triage t = expect_at_least({{item.key(), nullptr}}, disposition::contact_therapist);
            CHECK(t.report["missing"] == json{item.key()});
            CHECK(t.report["complete"] == false);
        }
    }
    SUBCASE("the side of a sore leg missing") {
        triage t = expect_at_least({{"body_regions", {"calves"}}}, disposition::contact_therapist);
        CHECK(t.report["missing"] == json{"side"});
    }
    SUBCASE("a question that does not apply is not missing") {
        triage t = expect_exactly({{"body_regions", {"lower_back"}}}, disposition::self_care);
        CHECK(t.report["complete"] == true);
    }
    SUBCASE("the missing answers are the evidence") {
        triage t = run(usual_with({{"trend", nullptr}, {"pain_now", nullptr}}));
        auto reason = std::find_if(t.report["reasons"].begin(), t.report["reasons"].end(), [](auto& r) { return r["rule"] == "answers_missing"; });
        REQUIRE(reason != t.report["reasons"].end());
        CHECK((*reason)["answers"].size() == 2);
        for (auto& a : (*reason)["answers"]) CHECK(a["answered"] == false);
        CHECK((*reason)["answers"][0]["question"] == "pain_now");
        CHECK((*reason)["answers"][1]["question"] == "trend");
    }
}

TEST_CASE("the same answers give the same output") {
    const json answers = usual_with({{"symptoms", {"numbness", "mild_bruising"}}, {"pain_now", 7}, {"body_regions", {"arms"}}, {"side", "left"}});
    const std::string first = shipped_checker().assess_json(answers.dump());
    CHECK(shipped_checker().assess_json(answers.dump()) == first);
    // A freshly loaded checker agrees, and so does the same object written with its keys in reverse order.
    soreness::checker fresh(shipped_knowledge());
    CHECK(fresh.assess_json(answers.dump()) == first);
    std::string reversed = "{";
    std::vector<std::string> members;
    for (auto& item : answers.items()) members.push_back(json(item.key()).dump() + ":" + item.value().dump());
    std::reverse(members.begin(), members.end());
    for (std::size_t i = 0; i < members.size(); ++i) reversed += (i ? "," : "") + members[i];
    reversed += "}";
    CHECK(fresh.assess_json(reversed) == first);
}

TEST_CASE("reasons name the rule and the answers that triggered it") {
    SUBCASE("most urgent first, with the matched options only") {
        triage t = run(usual_with({{"danger_signs", {"chest_pain"}}, {"symptoms", {"mild_bruising", "tiredness"}}}));
        const json& reasons = t.report["reasons"];
        REQUIRE(reasons.size() >= 2);
        CHECK(reasons[0]["rule"] == "chest_pain");
        CHECK(reasons[0]["requires"] == "emergency");
        CHECK(reasons[0]["text"] == kb().rules[0].reason);
        CHECK(reasons[0]["answers"] == json::parse(R"([{"question":"danger_signs","question_text":"Do you have any of these right now?",
            "answered":true,"value":["chest_pain"],"value_text":["Chest pain, tightness or pressure"]}])"));
        for (std::size_t i = 1; i < reasons.size(); ++i)
            CHECK(disposition_named(reasons[i - 1]["requires"]) >= disposition_named(reasons[i]["requires"]));
        // With a concern, the self-care reasons are not shown.
        for (auto& r : reasons) CHECK(r["requires"] != "self_care");
        const json mild = *std::find_if(reasons.begin(), reasons.end(), [](auto& r) { return r["rule"] == "mild_bruising"; });
        CHECK(mild["answers"][0]["value"] == json{"mild_bruising"});
    }
    SUBCASE("numbers and single choices") {
        triage t = run(usual_with({{"pain_now", 9}, {"trend", "worse"}}));
        auto reason = std::find_if(t.report["reasons"].begin(), t.report["reasons"].end(), [](auto& r) { return r["rule"] == "severe_pain_getting_worse"; });
        REQUIRE(reason != t.report["reasons"].end());
        const json& evidence = (*reason)["answers"];
        REQUIRE(evidence.size() == 2);
        CHECK(evidence[0]["question"] == "pain_now");
        CHECK(evidence[0]["value"] == 9);
        CHECK(evidence[1]["question"] == "trend");
        CHECK(evidence[1]["value"] == "worse");
        CHECK(evidence[1]["value_text"] == "Getting worse");
    }
    SUBCASE("an 'any' condition shows the branch that held") {
        triage t = run(usual_with({{"risk_factors", {"pregnancy"}}, {"pain_now", 7}}));
        auto reason = std::find_if(t.report["reasons"].begin(), t.report["reasons"].end(),
                                   [](auto& r) { return r["rule"] == "pregnancy_with_swelling_or_strong_pain"; });
        REQUIRE(reason != t.report["reasons"].end());
        const json& evidence = (*reason)["answers"];
        REQUIRE(evidence.size() == 2);
        CHECK(evidence[0]["question"] == "risk_factors");
        CHECK(evidence[1]["question"] == "pain_now");
        CHECK(evidence[1]["value"] == 7);
    }
}

TEST_CASE("emergency advice: call now, nothing everyday") {
    const auto everyday = everyday_advice();
    REQUIRE(everyday.count("drink_water") == 1);
    for (const char* sign : {"chest_pain", "short_breath", "sudden_headache", "brain_signs", "saddle_numbness"}) {
        CAPTURE(sign);
        triage t = run(usual_with({{"danger_signs", {sign}}, {"first_massage", "yes"}, {"massage_type", "deep_tissue"}, {"pain_feel", {"stiff", "tender"}}}));
        REQUIRE(t.result == disposition::emergency);
        const auto advice = advice_ids(t);
        REQUIRE_FALSE(advice.empty());
        CHECK(advice.front() == "call_emergency_now");
        CHECK_MESSAGE(shared(advice, everyday).empty(), "everyday advice in an emergency: " << shared(advice, everyday));
        CHECK(t.report["explanations"] == json::array());
        CHECK(t.report["headline"] == kb().info(disposition::emergency).headline);
    }
}

TEST_CASE("urgent advice: get help today, nothing everyday") {
    const auto everyday = everyday_advice();
    triage t = run(usual_with({{"symptoms", {"one_leg"}}, {"body_regions", {"calves"}}, {"side", "left"}, {"pain_feel", {"dull_ache"}}}));
    REQUIRE(t.result == disposition::urgent);
    const auto advice = advice_ids(t);
    REQUIRE_FALSE(advice.empty());
    CHECK(advice.front() == "go_today");
    CHECK(std::find(advice.begin(), advice.end(), "no_leg_massage") != advice.end());
    CHECK_MESSAGE(shared(advice, everyday).empty(), "everyday advice when urgent: " << shared(advice, everyday));
    CHECK(t.report["explanations"] == json::array());
}

// Regression: an emergency that also fired an urgent or see-doctor rule (dark urine, fever, severe
// pain) used to show "drink water" or "rest" under "call your emergency number now".
TEST_CASE("emergency advice stays free of everyday advice when other flags fire too") {
    const auto everyday = everyday_advice();
    for (const json& extra : {json{{"symptoms", {"dark_urine"}}}, json{{"symptoms", {"fever_chills"}}},
                              json{{"pain_now", 9}, {"trend", "worse"}}}) {
        json overrides = extra;
        overrides["danger_signs"] = {"chest_pain"};
        triage t = run(usual_with(overrides));
        REQUIRE(t.result == disposition::emergency);
        CHECK_MESSAGE(shared(advice_ids(t), everyday).empty(), overrides.dump() << ": " << shared(advice_ids(t), everyday));
    }
}

// ---- Issue 13: the result says only what fits it ------------------------------------------------

namespace {

bool gives(const triage& t, const std::string& id) {
    auto ids = advice_ids(t);
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

/// The usual soreness with a stiff, aching feel (which gives warmth and a warm bath) and a bruised
/// feel (which gives a cold pack), so each exclusion below has advice to take away.
json warmth_and_cold(const json& overrides) {
    json answers = usual_with({{"pain_feel", {"stiff", "dull_ache", "tender"}}});
    answers.merge_patch(overrides);
    return answers;
}

}  // namespace

TEST_CASE("issue 13: the everyday advice is there when nothing rules it out") {
    triage t = run(warmth_and_cold(json::object()));
    REQUIRE(t.result == disposition::self_care);
    CHECK(gives(t, "heat"));
    CHECK(gives(t, "epsom_bath"));
    CHECK(gives(t, "cold_pack"));
    CHECK(gives(t, "gentle_movement"));
}

TEST_CASE("issue 13: no heat or warm bath where it harms") {
    // Each case fires some concern too, so the result may be milder than the advice's rule would
    // allow; the exclusion must hold at every level that still shows everyday advice.
    const std::vector<std::pair<const char*, json>> cases = {
        {"numb skin", {{"symptoms", {"numbness"}}}},
        {"tingling skin", {{"symptoms", {"tingling"}}}},
        {"an open wound", {{"symptoms", {"pus_wound"}}}},
        {"a burn or blister", {{"symptoms", {"burn_blister"}}}},
        {"red, hot skin", {{"symptoms", {"redness_warmth"}}}},
        {"a fresh large bruise", {{"symptoms", {"large_bruising"}}, {"hours_since_massage", 20}}},
        {"fresh swelling, time not given", {{"symptoms", {"swelling"}}, {"hours_since_massage", nullptr}}},
        {"feeling faint on standing", {{"passed_signs", {"light_headed"}}}},
    };
    for (const auto& each : cases) {
        // Plain names, not a structured binding: clang 14 cannot capture those in doctest's checks.
        const char* name = each.first;
        const json& overrides = each.second;
        CAPTURE(name);
        triage t = run(warmth_and_cold(overrides));
        CHECK_FALSE(gives(t, "heat"));
        CHECK_FALSE(gives(t, "epsom_bath"));
    }
    SUBCASE("a large bruise after its first two days may be warmed again") {
        // The see-a-doctor result shows no everyday advice at all; the withholding itself is what is
        // tested here, through the core's given_advice on the same answers under a milder reading.
        const auto& base = kb();
        auto answers = parse_answers(base, warmth_and_cold({{"symptoms", {"large_bruising"}}, {"hours_since_massage", 60}}).dump());
        REQUIRE(answers.ok());
        auto a = assess(base, answers.value());
        a.result = disposition::self_care;  // as if the bruise were the only everyday concern
        const auto heat = static_cast<std::size_t>(base.advice_index("heat"));
        CHECK((given_advice(base, answers.value(), a) >> heat & 1U) == 1);
    }
}

TEST_CASE("issue 13: no cold pack on numb skin or a burn; no movement with a possible break") {
    for (const json& overrides : {json{{"symptoms", {"numbness"}}}, json{{"symptoms", {"burn_blister"}}}}) {
        CAPTURE(overrides.dump());
        CHECK_FALSE(gives(run(warmth_and_cold(overrides)), "cold_pack"));
    }
    triage injury = run(warmth_and_cold({{"symptoms", {"new_injury"}}}));
    CHECK_FALSE(gives(injury, "gentle_movement"));
    CHECK(gives(injury, "keep_weight_off"));
}

TEST_CASE("issue 13: a possible clot: no rubbing the leg, no heat, no bath, no exercise") {
    for (const json& overrides : {json{{"symptoms", {"one_leg"}}, {"body_regions", {"calves"}}, {"side", "left"}},
                                  json{{"risk_factors", {"hormones"}}, {"body_regions", {"calves"}}, {"side", "left"}},
                                  json{{"symptoms", {"whole_limb_swollen"}}}}) {
        CAPTURE(overrides.dump());
        triage t = run(warmth_and_cold(overrides));
        CHECK(t.result >= disposition::urgent);
        CHECK(gives(t, "no_leg_massage"));
        for (const char* id : {"heat", "epsom_bath", "gentle_movement", "cold_pack"}) CHECK_MESSAGE(!gives(t, id), id);
    }
}

TEST_CASE("issue 13: from see a doctor up, no usual-soreness story, no reassuring timeline") {
    for (const json& overrides : {json{{"symptoms", {"numbness"}}}, json{{"danger_signs", {"one_side_weak"}}},
                                  json{{"symptoms", {"dark_urine"}}}, json{{"pain_now", 9}}}) {
        CAPTURE(overrides.dump());
        triage t = run(usual_with(overrides));
        REQUIRE(t.result >= disposition::see_doctor);
        CHECK(t.report["explanations"] == json::array());
        CHECK(t.report["timeline"].is_null());
        for (const auto& r : t.report["reasons"]) CHECK(r["rule"] != "usual_soreness");
        CHECK_FALSE(gives(t, "heat"));
        if (t.result == disposition::emergency) CHECK_FALSE(gives(t, "drink_water"));
    }
    SUBCASE("the first aid of another concern stays: cool a burn under an emergency") {
        triage t = run(usual_with({{"danger_signs", {"chest_pain"}}, {"symptoms", {"burn_blister"}}}));
        REQUIRE(t.result == disposition::emergency);
        CHECK(gives(t, "burn_care"));
        CHECK_FALSE(gives(t, "cold_pack"));
    }
    SUBCASE("ordinary soreness keeps its story and timeline") {
        triage t = run(usual_soreness());
        CHECK(t.report["explanations"].size() > 0);
        CHECK(t.report["timeline"]["phase"] == "building");
    }
}

TEST_CASE("issue 13: 'probably not serious' heads no result; severe pain is never told to wait") {
    for (const auto& d : kb().dispositions) CHECK_MESSAGE(d.headline.find("not serious") == std::string::npos, d.headline);
    for (int pain : {8, 9, 10}) {
        CAPTURE(pain);
        CHECK(run(usual_with({{"pain_now", pain}, {"trend", "better"}})).result >= disposition::see_doctor);
    }
    triage missing = run(usual_with({{"trend", nullptr}}));
    CHECK(missing.result == disposition::contact_therapist);
    CHECK(missing.report["headline"] == kb().info(disposition::contact_therapist).headline);
}

TEST_CASE("issue 13: every emergency reason says what it can mean, without 'rarely'") {
    for (const auto& r : kb().rules) {
        if (r.requires_at_least != disposition::emergency) continue;
        CAPTURE(r.id);
        CHECK(r.reason.find("rarely") == std::string::npos);
        CHECK(r.reason.find("can") != std::string::npos);
    }
}
