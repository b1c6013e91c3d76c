// Reading a person's answers: each kind of bad input is a clear error that names the field, and
// nothing a page or a script sends can crash the engine.

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "soreness/answers.hpp"
#include "triage_helpers.hpp"

using nlohmann::json;
using soreness::parse_answers;
using soreness::testing::kb;

namespace {

/// "[code] where: message" for rejected answers, "accepted" otherwise.
std::string verdict(const std::string& answers_json) {
    auto parsed = parse_answers(kb(), answers_json);
    if (parsed.ok()) return "accepted";
    return "[" + parsed.failure().code + "] " + parsed.failure().text();
}

std::uint64_t option_bit(const std::string& question, const std::string& option) {
    const auto& q = kb().questions[kb().question_index(question)];
    REQUIRE(q.option_index(option) >= 0);
    return std::uint64_t{1} << q.option_index(option);
}

/// The text a case of the answer-error table sends: its raw "answers_text", or its "answers" value as JSON.
std::string case_text(const json& c) { return c.contains("answers_text") ? c["answers_text"].get<std::string>() : c["answers"].dump(); }

}  // namespace

TEST_CASE("well-formed answers are accepted and kept") {
    auto parsed = parse_answers(kb(), R"({"pain_now": 4, "trend": "better", "symptoms": ["tiredness", "nausea"], "hours_since_massage": 30.5})");
    REQUIRE(parsed.ok());
    const auto& answers = parsed.value();
    REQUIRE(answers.by_question.size() == kb().questions.size());
    const auto& pain = answers.by_question[kb().question_index("pain_now")];
    CHECK(pain.answered);
    CHECK(pain.number == 4);
    CHECK(answers.by_question[kb().question_index("hours_since_massage")].number == 30.5);
    CHECK(answers.by_question[kb().question_index("trend")].options == option_bit("trend", "better"));
    CHECK(answers.by_question[kb().question_index("symptoms")].options ==
          (option_bit("symptoms", "tiredness") | option_bit("symptoms", "nausea")));
    CHECK_FALSE(answers.by_question[kb().question_index("danger_signs")].answered);
    CHECK(answers.conflicts == 0);

    CHECK(verdict("{}") == "accepted");
    CHECK(verdict(R"({"pain_now": 0, "hours_since_massage": 0})") == "accepted");
    CHECK(verdict(R"({"pain_now": 10, "hours_since_massage": 2160})") == "accepted");
    CHECK(verdict(R"({"pain_now": 7.0})") == "accepted");
}

TEST_CASE("every case of the answer-error table is refused with its code, where and exact message") {
    // tests/data/answer-errors.json: the same table runs through the JavaScript API and in Chromium.
    const json& cases = soreness::testing::test_data("answer-errors.json")["cases"];
    REQUIRE(cases.size() >= 50);
    std::set<std::string> codes;
    for (const auto& c : cases) {
        CAPTURE(c["name"].get<std::string>());
        REQUIRE(c.contains("answers") != c.contains("answers_text"));
        const std::string expected = "[" + c["code"].get<std::string>() + "] " + c["where"].get<std::string>() + ": " + c["message"].get<std::string>();
        CHECK(verdict(case_text(c)) == expected);
        codes.insert(c["code"].get<std::string>());
    }
    // Every code a single answer or a document shape can give has a case; answers.too_large is below.
    CHECK(codes == std::set<std::string>{"answers.unknown_question", "answers.wrong_type", "answers.out_of_range", "answers.unknown_option",
                                         "answers.duplicate_option", "answers.empty_choice", "answers.duplicate_answer",
                                         "answers.parse_error", "answers.too_deep"});
}

TEST_CASE("text after the answers is not JSON") {
    CHECK(verdict(R"({"pain_now": 3} {"trend": "same"})").rfind("[answers.parse_error] /: invalid JSON at byte 17: ", 0) == 0);
}

TEST_CASE("a number that must be whole may be written with a fraction of zero; hours may be a fraction") {
    CHECK(verdict(R"({"pain_now": 7.0})") == "accepted");
    CHECK(verdict(R"({"hours_since_massage": 0.25})") == "accepted");
}

TEST_CASE("numbers are read rounded to the nearest double, where that decides an answer") {
    // tests/data/number-rounding.json: the same cases go through the shipped wasm, which reads numbers with
    // JavaScript's Number() (wasm-bindings/js_strtod.cpp), in tests/js/hostile.test.mjs.
    const json& cases = soreness::testing::test_data("number-rounding.json")["cases"];
    REQUIRE(cases.size() >= 8);
    for (const auto& c : cases) {
        const std::string text = c["answers_text"].get<std::string>();
        CAPTURE(text);
        const json& refused = c.value("refused", json::object());
        CHECK(verdict(text) == (c.contains("accepted") ? "accepted"
                                                       : "[answers.out_of_range] " + refused["where"].get<std::string>() + ": " +
                                                             refused["message"].get<std::string>()));
    }
}

TEST_CASE("answers too large to read") {
    const std::size_t limit = kb().limits.answers_max_bytes;
    CHECK(limit == 65536);
    // Valid JSON padded with spaces: only the size is wrong.
    std::string at_limit = R"({"pain_now": 3})";
    at_limit.append(limit - at_limit.size(), ' ');
    CHECK(verdict(at_limit) == "accepted");
    CHECK(verdict(at_limit + " ") == "[answers.too_large] /: the answers are 65537 bytes; the limit is 65536");
}

TEST_CASE("answers nested too deeply") {
    CHECK(kb().limits.answers_max_depth == 4);
    CHECK(verdict(std::string(100000, '[')) == "[answers.too_large] /: the answers are 100000 bytes; the limit is 65536");
    CHECK(verdict(std::string(60000, '[')) == "[answers.too_deep] /: the answers are nested more than 4 levels deep");
    // Brackets inside strings are not nesting, and four levels are allowed: both are cases of the table.
}

TEST_CASE("'none' ticked together with a sign keeps the sign and reports the conflict") {
    auto parsed = parse_answers(kb(), R"({"symptoms": ["none", "numbness"], "danger_signs": ["none"]})");
    REQUIRE(parsed.ok());
    const int symptoms = kb().question_index("symptoms");
    const int danger = kb().question_index("danger_signs");
    CHECK(parsed.value().by_question[symptoms].options == option_bit("symptoms", "numbness"));
    CHECK(parsed.value().by_question[danger].options == option_bit("danger_signs", "none"));
    CHECK(parsed.value().conflicts == std::uint64_t{1} << symptoms);

    auto t = soreness::testing::run(soreness::testing::usual_with({{"symptoms", {"none", "numbness"}}}));
    CHECK(t.report["conflicts"] == json{"symptoms"});
    CHECK(t.fired_rule("numbness_or_tingling"));
    CHECK(t.result >= soreness::disposition::see_doctor);

    auto danger_conflict = soreness::testing::run(soreness::testing::usual_with({{"danger_signs", {"chest_pain", "none"}}}));
    CHECK(danger_conflict.report["conflicts"] == json{"danger_signs"});
    CHECK(danger_conflict.result == soreness::disposition::emergency);

    auto clean = soreness::testing::run(soreness::testing::usual_soreness());
    CHECK(clean.report["conflicts"] == json::array());
}
