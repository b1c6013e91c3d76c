// The JSON surface shared by the command line and the WebAssembly bindings.

#include <algorithm>

#include <nlohmann/json.hpp>

#include "soreness/checker.hpp"
#include "test_support.hpp"
#include "triage_helpers.hpp"

using nlohmann::json;

TEST_CASE("assess_json wraps a result or an error in an envelope") {
    soreness::checker checker(soreness::testing::shipped_knowledge());

    auto ok = json::parse(checker.assess_json(R"({"danger_signs":["chest_pain"]})"));
    CHECK(ok["ok"] == true);
    CHECK(ok["result"]["disposition"]["id"] == "emergency");

    auto bad = json::parse(checker.assess_json(R"({"pain_now":11})"));
    CHECK(bad["ok"] == false);
    CHECK(bad["error"]["code"] == "answers.out_of_range");
    CHECK(bad["error"]["where"] == "/pain_now");
    CHECK(bad["error"]["message"] == "11 is out of range; expected a whole number from 0 to 10 (points)");
}

TEST_CASE("every result names the knowledge base version it was made with (hazard log H6, action A6)") {
    auto kb = soreness::testing::shipped_knowledge();
    const std::string version = kb.version;
    soreness::checker checker(std::move(kb));
    for (const char* answers : {R"({})", R"({"danger_signs":["chest_pain"]})", R"({"danger_signs":["none"],"pain_now":3})"}) {
        auto reply = json::parse(checker.assess_json(answers));
        REQUIRE(reply["ok"] == true);
        CHECK(reply["result"]["knowledge_base_version"] == version);
    }
    CHECK(json::parse(checker.about_json())["result"]["knowledge_base_version"] == version);
}

// Issue 13: which calls a result offers is the knowledge base's decision, made in the core; the page
// only looks up the numbers for the person's country in the table about_json gives it.
TEST_CASE("issue 13: the result says which calls it offers, the main one first") {
    soreness::checker checker(soreness::testing::shipped_knowledge());
    auto calls = [&](const json& answers) {
        auto reply = json::parse(checker.assess_json(answers.dump()));
        REQUIRE(reply["ok"] == true);
        return reply["result"]["calls"];
    };
    const json usual = soreness::testing::usual_soreness();
    json urgent = usual;
    urgent["symptoms"] = {"dark_urine"};
    json therapist = usual;
    therapist["pressure"] = "too_painful";
    CHECK(calls({{"danger_signs", {"chest_pain"}}}) == json{"emergency"});
    CHECK(calls(urgent) == json{"non_emergency", "emergency_if_worse"});
    CHECK(calls(therapist) == json::array());
    CHECK(calls(usual) == json::array());
}

TEST_CASE("issue 13: about_json gives the help lines by country, and the default") {
    soreness::checker checker(soreness::testing::shipped_knowledge());
    const json lines = json::parse(checker.about_json())["result"]["help_lines"];
    CHECK(lines["default"] == json{{"emergency", "112"}});
    auto country = [&](const std::string& code) {
        for (const auto& c : lines["countries"])
            if (c["country"] == code) return c;
        FAIL("no help lines for " << code);
        return json();
    };
    CHECK(country("GB") == json{{"country", "GB"}, {"emergency", "999"}, {"non_emergency", {{"number", "111"}, {"name", "NHS 111"}}}});
    CHECK(country("DE") == json{{"country", "DE"}, {"emergency", "112"}, {"non_emergency", {{"number", "116117"}, {"name", "116 117"}}}});
    CHECK(country("CO") == json{{"country", "CO"}, {"emergency", "123"}});
    CHECK(country("ES") == json{{"country", "ES"}, {"emergency", "112"}});
    // Where en, es and de are national languages, each country is listed (a person can find theirs).
    for (const char* code : {"GB", "IE", "US", "CA", "AU", "NZ", "ES", "MX", "CO", "AR", "CL", "PE", "VE", "EC", "UY", "CR", "PA",
                             "DO", "HN", "SV", "PR", "DE", "AT", "CH", "LI", "LU", "BE"})
        CHECK_MESSAGE(country(code)["emergency"].is_string(), code);
}

// Issue 15: one call decides a move of the check, so the page holds no flow decision of its own.
TEST_CASE("issue 15: step_json gives the answers that count, what to ask, whether the check is over") {
    soreness::checker checker(soreness::testing::shipped_knowledge());
    auto step = [&](const json& answers, bool with_assessment) {
        auto reply = json::parse(checker.step_json(answers.dump(), with_assessment));
        REQUIRE_MESSAGE(reply["ok"] == true, reply.dump());
        return reply["result"];
    };
    SUBCASE("the start: nothing answered, nothing final, no assessment unless asked for") {
        json s = step(json::object(), false);
        CHECK(s["answers"] == json::object());
        CHECK(s["dropped"] == json::array());
        CHECK(s["ask"][0] == "danger_signs");
        CHECK(s["ask"] == s["applicable"]);
        CHECK(s["final"] == false);
        CHECK(s["assessment"].is_null());
        CHECK(step(json::object(), true)["assessment"]["disposition"]["id"] == "see_doctor");  // red flags unanswered
    }
    SUBCASE("an emergency sign ends the check, and the assessment comes with it") {
        json s = step({{"danger_signs", {"chest_pain"}}}, false);
        CHECK(s["final"] == true);
        CHECK(s["assessment"]["disposition"]["id"] == "emergency");
        CHECK(s["ask"].size() > 0);  // questions remain, but are not to be asked
        json passed = step({{"danger_signs", {"none"}}, {"passed_signs", {"sudden_headache"}}}, false);
        CHECK(passed["final"] == true);
    }
    SUBCASE("a result short of an emergency does not end it") {
        json s = step({{"danger_signs", {"none"}}, {"symptoms", {"dark_urine"}}}, false);
        CHECK(s["final"] == false);
        CHECK(s["assessment"].is_null());
        CHECK(step({{"danger_signs", {"none"}}, {"symptoms", {"dark_urine"}}}, true)["assessment"]["disposition"]["id"] == "urgent");
    }
    SUBCASE("answers to questions that no longer apply are dropped, as given otherwise") {
        const json answers = {{"body_regions", {"neck"}}, {"side", "left"}, {"pain_now", 0}, {"trend", "worse"},
                              {"symptoms", {"none", "numbness"}}};
        json s = step(answers, true);
        CHECK(s["dropped"] == json{"side", "trend"});
        CHECK(s["answers"] == json{{"body_regions", {"neck"}}, {"pain_now", 0}, {"symptoms", {"none", "numbness"}}});
        CHECK(s["assessment"]["dropped"] == json{"side", "trend"});
        CHECK(s["assessment"]["conflicts"] == json{"symptoms"});
        for (const char* gone : {"side", "pain_feel", "trend", "daily_impact"}) {
            CHECK_MESSAGE(std::find(s["applicable"].begin(), s["applicable"].end(), gone) == s["applicable"].end(), gone);
        }
        CHECK(s["ask"].front() == "danger_signs");
    }
    SUBCASE("bad answers are the same errors as assess_json's") {
        for (const char* bad : {R"({"pain_now":11})", R"([])", R"({"pain_fel":["tender"]})", R"({"side":"left","side":"right"})"}) {
            CAPTURE(bad);
            CHECK(checker.step_json(bad, false) == checker.assess_json(bad));
            CHECK(json::parse(checker.step_json(bad, true))["ok"] == false);
        }
    }
}

TEST_CASE("issue 15: the result says whether to show the spa's contact details, from the knowledge base") {
    soreness::checker checker(soreness::testing::shipped_knowledge());
    auto contact = [&](const json& answers) { return json::parse(checker.assess_json(answers.dump()))["result"]["contact_details"]; };
    const json usual = {{"danger_signs", {"none"}}, {"passed_signs", {"none"}}, {"hours_since_massage", 20}, {"massage_type", "relaxation"},
                        {"pressure", "strong_but_fine"}, {"first_massage", "no"}, {"body_regions", {"upper_back"}},
                        {"pain_now", 3}, {"pain_feel", {"dull_ache"}}, {"trend", "same"}, {"daily_impact", "none"},
                        {"symptoms", {"none"}}, {"risk_factors", {"none"}}};
    json therapist = usual;
    therapist["pressure"] = "too_painful";
    CHECK(contact(usual) == false);
    CHECK(contact(therapist) == true);
    CHECK(contact({{"danger_signs", {"chest_pain"}}}) == false);
}

TEST_CASE("issue 16: a result about ordinary soreness says when to remind the person to check again") {
    soreness::checker checker(soreness::testing::shipped_knowledge());
    auto result = [&](const json& answers) { return json::parse(checker.assess_json(answers.dump()))["result"]; };
    auto hours = [&](const json& answers) { return result(answers)["reminder"]["hours_from_now"]; };
    // The clinical review's rule: a day after the check, whatever the time since the massage (not "when it should
    // have eased", up to 72 hours away: too long for soreness getting worse or strong on its first day).
    SUBCASE("a day after the check: early, worse, strong, near or past three days, or the time unknown") {
        const json usual = soreness::testing::usual_soreness();  // 20 hours ago
        REQUIRE(result(usual)["disposition"]["id"] == "self_care");
        CHECK(hours(usual) == 24);
        const json worse = soreness::testing::usual_with({{"trend", "worse"}});
        REQUIRE(result(worse)["disposition"]["id"] == "self_care");
        CHECK(hours(worse) == 24);
        const json strong_first_day = soreness::testing::usual_with({{"hours_since_massage", 0}, {"pain_now", 7}});
        REQUIRE(result(strong_first_day)["disposition"]["id"] == "contact_therapist");
        CHECK(hours(strong_first_day) == 24);
        CHECK(hours(soreness::testing::usual_with({{"hours_since_massage", 71}, {"trend", "better"}})) == 24);
        const json unknown = soreness::testing::usual_with({{"hours_since_massage", nullptr}});
        REQUIRE(result(unknown)["disposition"]["id"] == "contact_therapist");
        CHECK(hours(unknown) == 24);
        const json past = soreness::testing::usual_with({{"hours_since_massage", 100}, {"trend", "better"}});
        REQUIRE(result(past)["reminder"].is_object());
        CHECK(hours(past) == 24);
    }
    SUBCASE("none for someone past the peak who is not sore; one for someone who may still get sore") {
        auto not_sore_after = [](double h) {
            json answers = soreness::testing::not_sore_at_all();
            answers["hours_since_massage"] = h;
            return answers;
        };
        const json not_sore = not_sore_after(72);
        REQUIRE(result(not_sore)["timeline"]["phase"] == "not_sore");
        CHECK(result(not_sore)["reminder"].is_null());
        const json not_sore_yet = not_sore_after(2);
        REQUIRE(result(not_sore_yet)["timeline"]["phase"] == "not_sore_yet");
        CHECK(hours(not_sore_yet) == 24);
    }
    SUBCASE("none from see a doctor up: the knowledge base offers it on self_care and contact_therapist only") {
        CHECK(result(soreness::testing::usual_with({{"symptoms", {"numbness"}}}))["reminder"].is_null());
        CHECK(result({{"danger_signs", {"chest_pain"}}})["reminder"].is_null());
        CHECK(json::parse(checker.step_json(soreness::testing::usual_soreness().dump(), true))["result"]["assessment"]["reminder"]["hours_from_now"] == 24);
    }
}

TEST_CASE("issue 15: about_json names the start question and the fallback advice; every result lists the warning signs") {
    soreness::checker checker(soreness::testing::shipped_knowledge());
    const json about = json::parse(checker.about_json())["result"];
    CHECK(about["start_question"] == "danger_signs");
    json fallback = json::array();
    for (const auto& a : about["fallback_advice"]) {
        CHECK_FALSE(a["text"].get<std::string>().empty());
        fallback.push_back(a["id"]);
    }
    // The emergency call, what everyone sore is told (usual_soreness), then the self-care disposition's advice,
    // as web/build-pages.mjs chose it from the raw JSON before issue 15.
    CHECK(fallback == json{"call_emergency_now", "drink_water", "gentle_movement", "rest", "worse_seek_help_sooner"});

    json signs = json::array();
    for (const char* answers : {R"({})", R"({"danger_signs":["chest_pain"]})", R"({"danger_signs":["none"],"pain_now":0})"}) {
        const json result = json::parse(checker.assess_json(answers))["result"];
        CAPTURE(answers);
        REQUIRE(result["watch_for"].size() == 9);
        CHECK(result["watch_for"][0] == json{{"id", "chest_pain"}, {"text", checker.knowledge().questions[0].option_texts[0]}});
        for (const auto& s : result["watch_for"]) CHECK(s["id"] != "none");
    }
}

TEST_CASE("issue 15: questions_json says how each question is answered, and what a scale's ends mean") {
    soreness::checker checker(soreness::testing::shipped_knowledge("de"));
    const json questions = json::parse(checker.questions_json())["result"];
    auto find = [&](const std::string& id) {
        for (const auto& q : questions)
            if (q["id"] == id) return q;
        FAIL("no question " << id);
        return json();
    };
    CHECK(find("pain_now")["input"] == "scale");
    CHECK(find("pain_now")["min_text"] == "Keine Schmerzen");
    CHECK(find("pain_now")["max_text"] == "Schlimmste vorstellbare Schmerzen");
    CHECK(find("hours_since_massage")["input"] == "duration");
    CHECK_FALSE(find("hours_since_massage").contains("min_text"));
    CHECK(find("danger_signs")["input"] == "choice");
    CHECK(find("body_regions")["input"] == "regions");
    for (const auto& q : questions) CHECK_MESSAGE(q["input"].is_string(), q["id"]);
}
