// The JSON surface shared by the command line and the WebAssembly bindings.

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
