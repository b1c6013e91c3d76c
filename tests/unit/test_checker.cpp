// The JSON surface shared by the command line and the WebAssembly bindings.

#include <nlohmann/json.hpp>

#include "soreness/checker.hpp"
#include "test_support.hpp"

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
