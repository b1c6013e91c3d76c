// Reading a person's answers: each kind of bad input is a clear error that names the field, and
// nothing a page or a script sends can crash the engine.

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

const std::string symptom_options =
    "numbness, tingling, limb_weakness, both_legs, new_injury, mild_bruising, large_bruising, swelling, redness_warmth, one_leg, "
    "whole_limb_swollen, burn_blister, pus_wound, itchy_rash, fever_chills, dark_urine, little_urine, vomiting, tiredness, "
    "mild_headache, nausea, none";

std::uint64_t option_bit(const std::string& question, const std::string& option) {
    const auto& q = kb().questions[kb().question_index(question)];
    REQUIRE(q.option_index(option) >= 0);
    return std::uint64_t{1} << q.option_index(option);
}

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

TEST_CASE("an unknown question") {
    CHECK(verdict(R"({"pian": 3})") == "[answers.unknown_question] /pian: unknown question 'pian'");
    CHECK(verdict(R"({"pain_now": 3, "Pain_Now": 3})") == "[answers.unknown_question] /Pain_Now: unknown question 'Pain_Now'");
    CHECK(verdict(R"({"": 3})") == "[answers.unknown_question] /: unknown question ''");
}

TEST_CASE("a value of the wrong type") {
    SUBCASE("text for a number") {
        CHECK(verdict(R"({"pain_now": "3"})") ==
              "[answers.wrong_type] /pain_now: expected a whole number from 0 to 10 (points), got text");
        CHECK(verdict(R"({"hours_since_massage": "a day"})") ==
              "[answers.wrong_type] /hours_since_massage: expected a number from 0 to 2160 (hours), got text");
    }
    SUBCASE("a number for a choice") {
        CHECK(verdict(R"({"trend": 2})") == "[answers.wrong_type] /trend: expected one of better, same, worse, got a number");
        CHECK(verdict(R"({"symptoms": 2})") ==
              "[answers.wrong_type] /symptoms: expected a list of options (" + symptom_options + "), got a number");
    }
    SUBCASE("an object") {
        CHECK(verdict(R"({"symptoms": {"numbness": true}})") ==
              "[answers.wrong_type] /symptoms: expected a list of options (" + symptom_options + "), got an object");
        CHECK(verdict(R"({"pain_now": {}})") == "[answers.wrong_type] /pain_now: expected a whole number from 0 to 10 (points), got an object");
    }
    SUBCASE("null is not 'not answered'") {
        CHECK(verdict(R"({"pain_now": null})") == "[answers.wrong_type] /pain_now: expected a whole number from 0 to 10 (points), got null");
        CHECK(verdict(R"({"trend": null})") == "[answers.wrong_type] /trend: expected one of better, same, worse, got null");
    }
    SUBCASE("booleans and lists") {
        CHECK(verdict(R"({"first_massage": true})") == "[answers.wrong_type] /first_massage: expected one of yes, no, got true");
        CHECK(verdict(R"({"trend": ["worse"]})") == "[answers.wrong_type] /trend: expected one of better, same, worse, got a list");
        CHECK(verdict(R"({"pain_now": [3]})") == "[answers.wrong_type] /pain_now: expected a whole number from 0 to 10 (points), got a list");
    }
    SUBCASE("a list item that is not an option id") {
        CHECK(verdict(R"({"symptoms": ["numbness", 3]})") == "[answers.wrong_type] /symptoms/1: expected an option id, got a number");
        CHECK(verdict(R"({"body_regions": [null]})") == "[answers.wrong_type] /body_regions/0: expected an option id, got null");
    }
}

TEST_CASE("a number out of range") {
    CHECK(verdict(R"({"pain_now": 11})") == "[answers.out_of_range] /pain_now: 11 is out of range; expected a whole number from 0 to 10 (points)");
    CHECK(verdict(R"({"pain_now": -1})") == "[answers.out_of_range] /pain_now: -1 is out of range; expected a whole number from 0 to 10 (points)");
    CHECK(verdict(R"({"hours_since_massage": -2})") ==
          "[answers.out_of_range] /hours_since_massage: -2 is out of range; expected a number from 0 to 2160 (hours)");
    CHECK(verdict(R"({"hours_since_massage": -0.5})") ==
          "[answers.out_of_range] /hours_since_massage: -0.5 is out of range; expected a number from 0 to 2160 (hours)");
    CHECK(verdict(R"({"hours_since_massage": 2161})") ==
          "[answers.out_of_range] /hours_since_massage: 2161 is out of range; expected a number from 0 to 2160 (hours)");
    CHECK(verdict(R"({"hours_since_massage": 1e300})") ==
          "[answers.out_of_range] /hours_since_massage: 1e+300 is out of range; expected a number from 0 to 2160 (hours)");
}

TEST_CASE("a number that must be whole") {
    CHECK(verdict(R"({"pain_now": 4.5})") ==
          "[answers.out_of_range] /pain_now: 4.5 is not a whole number; expected a whole number from 0 to 10 (points)");
    // Hours may be a fraction.
    CHECK(verdict(R"({"hours_since_massage": 0.25})") == "accepted");
}

TEST_CASE("an unknown option") {
    CHECK(verdict(R"({"trend": "sideways"})") == "[answers.unknown_option] /trend: unknown option 'sideways'; expected one of better, same, worse");
    CHECK(verdict(R"({"trend": "Worse"})") == "[answers.unknown_option] /trend: unknown option 'Worse'; expected one of better, same, worse");
    CHECK(verdict(R"({"symptoms": ["numbness", "tingling", "pins"]})") ==
          "[answers.unknown_option] /symptoms/2: unknown option 'pins'; expected one of " + symptom_options);
    CHECK(verdict(R"({"body_regions": ["calves", "legs"]})") ==
          "[answers.unknown_option] /body_regions/1: unknown option 'legs'; expected one of head, neck, shoulders, upper_back, "
          "lower_back, chest, belly, arms, hands, hips_buttocks, thighs, calves, feet, none");
}

TEST_CASE("an option listed twice") {
    CHECK(verdict(R"({"symptoms": ["numbness", "swelling", "numbness"]})") ==
          "[answers.duplicate_option] /symptoms/2: option 'numbness' is listed twice");
}

TEST_CASE("an empty list") {
    CHECK(verdict(R"({"symptoms": []})") == "[answers.empty_choice] /symptoms: choose at least one option, or 'none'");
    CHECK(verdict(R"({"body_regions": []})") == "[answers.empty_choice] /body_regions: choose at least one option, or 'none'");
}

TEST_CASE("a question answered twice") {
    CHECK(verdict(R"({"pain_now": 3, "trend": "same", "pain_now": 4})") ==
          "[answers.duplicate_answer] /pain_now: question 'pain_now' is answered twice");
}

TEST_CASE("answers that are not an object") {
    CHECK(verdict("[1, 2]") == R"([answers.wrong_type] /: expected an object of answers like {"pain_now": 4}, got a list)");
    CHECK(verdict(R"("pain")") == R"([answers.wrong_type] /: expected an object of answers like {"pain_now": 4}, got text)");
    CHECK(verdict("3") == R"([answers.wrong_type] /: expected an object of answers like {"pain_now": 4}, got a number)");
    CHECK(verdict("null") == R"([answers.wrong_type] /: expected an object of answers like {"pain_now": 4}, got null)");
}

TEST_CASE("answers that are not JSON") {
    CHECK(verdict(R"({"pain_now": })") ==
          "[answers.parse_error] /: invalid JSON at byte 14: syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal");
    CHECK(verdict(R"({"pain_now": 3)") ==
          "[answers.parse_error] /: invalid JSON at byte 15: syntax error while parsing object - unexpected end of input; expected '}'");
    CHECK(verdict("") ==
          "[answers.parse_error] /: invalid JSON at byte 1: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal");
    CHECK(verdict(R"({"pain_now": 3} {"trend": "same"})").rfind("[answers.parse_error] /: invalid JSON at byte 17: ", 0) == 0);
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
    CHECK(verdict(R"({"symptoms": [[[["numbness"]]]]})") == "[answers.too_deep] /: the answers are nested more than 4 levels deep");
    CHECK(verdict(std::string(100000, '[')) == "[answers.too_large] /: the answers are 100000 bytes; the limit is 65536");
    CHECK(verdict(std::string(60000, '[')) == "[answers.too_deep] /: the answers are nested more than 4 levels deep");
    // Brackets inside strings are not nesting.
    CHECK(verdict(R"({"[[[[[": 1})") == "[answers.unknown_question] /[[[[[: unknown question '[[[[['");
    // Four levels is allowed and then fails on the type, naming the item.
    CHECK(verdict(R"({"symptoms": [[["numbness"]]]})") == "[answers.wrong_type] /symptoms/0: expected an option id, got a list");
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
