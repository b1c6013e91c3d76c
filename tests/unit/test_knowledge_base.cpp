// Loading the knowledge base: the shipped one is clean, and each kind of mistake a clinician or
// translator can make is reported with its exact place and words. Every case starts from the
// shipped files and changes one thing, so a test stays about that one mistake.

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "soreness/knowledge_base.hpp"
#include "test_support.hpp"

using nlohmann::json;
using soreness::load_knowledge_base;
using soreness::testing::shipped_knowledge_text;
using soreness::testing::shipped_strings_text;

namespace {

json shipped_kb() { return json::parse(shipped_knowledge_text()); }
json shipped_strings() { return json::parse(shipped_strings_text("en")); }

/// Every load error as "[code] where: message", one per line, so a failing check shows them all.
std::string errors_of(const std::string& kb_text, const std::string& strings_text) {
    auto loaded = load_knowledge_base(kb_text, strings_text);
    CHECK(loaded.knowledge.has_value() == loaded.errors.empty());
    std::string all;
    for (auto& e : loaded.errors) all += "[" + e.code + "] " + e.text() + "\n";
    return all;
}
std::string errors_of(const json& kb, const json& strings) { return errors_of(kb.dump(), strings.dump()); }
std::string errors_of_kb(const json& kb) { return errors_of(kb, shipped_strings()); }
std::string errors_of_strings(const json& strings) { return errors_of(shipped_kb(), strings); }

/// Index of the rule or question with this id in the knowledge base JSON (fails the test if absent).
std::size_t index_of(const json& list, const std::string& id) {
    for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i]["id"] == id) return i;
    FAIL("no entry with id '" << id << "'");
    return 0;
}
std::string rule_path(const json& kb, const std::string& id) { return "/rules/" + std::to_string(index_of(kb["rules"], id)); }
std::string question_path(const json& kb, const std::string& id) {
    return "/questions/" + std::to_string(index_of(kb["questions"], id));
}

}  // namespace

TEST_CASE("the shipped knowledge base loads without errors") {
    auto loaded = load_knowledge_base(shipped_knowledge_text(), shipped_strings_text("en"));
    for (auto& e : loaded.errors) FAIL_CHECK("[" << e.code << "] " << e.text());
    REQUIRE(loaded.knowledge.has_value());
    const auto& kb = *loaded.knowledge;
    CHECK(kb.version == shipped_kb()["version"]);
    CHECK(kb.language == "en");
    CHECK(kb.questions.size() == shipped_kb()["questions"].size());
    CHECK(kb.rules.size() == shipped_kb()["rules"].size());
    for (auto& r : kb.rules) CHECK_MESSAGE(!r.reason.empty(), r.id);
    for (auto& q : kb.questions) {
        CHECK_MESSAGE(!q.text.empty(), q.id);
        CHECK(q.option_texts.size() == q.options.size());
    }
}

TEST_CASE("the shipped knowledge base asks what the issue requires") {
    const json kb = shipped_kb();
    auto options = [&](const std::string& question) { return kb["questions"][index_of(kb["questions"], question)]["options"]; };
    auto has = [&](const std::string& question, const std::string& option) {
        const json list = options(question);
        return std::find(list.begin(), list.end(), option) != list.end();
    };
    for (const char* o : {"relaxation", "deep_tissue", "sports", "trigger_point", "prenatal", "cupping_scraping", "other"})
        CHECK_MESSAGE(has("massage_type", o), o);
    for (const char* o : {"numbness", "tingling", "limb_weakness", "mild_bruising", "large_bruising", "swelling", "redness_warmth",
                          "fever_chills", "pus_wound", "dark_urine", "one_leg", "tiredness", "mild_headache", "nausea"})
        CHECK_MESSAGE(has("symptoms", o), o);
    for (const char* o : {"chest_pain", "short_breath", "sudden_headache", "brain_signs", "saddle_numbness"})
        CHECK_MESSAGE(has("danger_signs", o), o);
    for (const char* o : {"blood_thinners", "previous_clot", "recent_surgery_injury", "pregnancy", "osteoporosis", "injury_worse"})
        CHECK_MESSAGE(has("risk_factors", o), o);
    json ids = json::array();
    for (auto& d : kb["dispositions"]) ids.push_back(d["id"]);
    CHECK(ids == json{"self_care", "contact_therapist", "see_doctor", "urgent", "emergency"});
}

TEST_CASE("a rule condition naming an unknown question") {
    json kb = shipped_kb();
    const std::string at = rule_path(kb, "much_more_sore_than_expected");
    kb["rules"][index_of(kb["rules"], "much_more_sore_than_expected")]["when"][0]["question"] = "pian";
    CHECK(errors_of_kb(kb) == "[kb.unknown_question] " + at + "/when/0: unknown question 'pian'\n");
}

TEST_CASE("an unknown question inside an 'any' condition") {
    json kb = shipped_kb();
    auto i = index_of(kb["rules"], "pregnancy_with_swelling_or_strong_pain");
    kb["rules"][i]["when"][1]["any"][1]["question"] = "pain";
    CHECK(errors_of_kb(kb) == "[kb.unknown_question] " + rule_path(kb, "pregnancy_with_swelling_or_strong_pain") +
                                  "/when/1/any/1: unknown question 'pain'\n");
}

TEST_CASE("duplicate ids") {
    json kb = shipped_kb();
    SUBCASE("rule") {
        auto i = index_of(kb["rules"], "short_breath");
        kb["rules"][i]["id"] = "chest_pain";
        CHECK(errors_of_kb(kb) == "[kb.duplicate_id] /rules/" + std::to_string(i) + "/id: duplicate rule id 'chest_pain'\n");
    }
    SUBCASE("question") {
        const std::size_t end = kb["questions"].size();
        kb["questions"].push_back(kb["questions"][index_of(kb["questions"], "pain_now")]);
        CHECK(errors_of_kb(kb) == "[kb.duplicate_id] /questions/" + std::to_string(end) + "/id: duplicate question id 'pain_now'\n");
    }
    SUBCASE("option") {
        auto i = index_of(kb["questions"], "trend");
        kb["questions"][i]["options"].push_back("same");
        CHECK(errors_of_kb(kb) == "[kb.duplicate_id] " + question_path(kb, "trend") + "/options/3: duplicate id 'same'\n");
    }
    SUBCASE("advice") {
        kb["advice"].push_back("rest");
        // References resolve to the first 'rest', so the second one is also never given.
        const std::string at = "/advice/" + std::to_string(kb["advice"].size() - 1);
        CHECK(errors_of_kb(kb) == "[kb.duplicate_id] " + at + ": duplicate id 'rest'\n"
                                  "[kb.unused_advice] " + at + ": no rule or disposition gives advice 'rest'\n");
    }
}

TEST_CASE("a condition naming an option the question does not have") {
    json kb = shipped_kb();
    SUBCASE("is_any") {
        kb["rules"][index_of(kb["rules"], "pressure_too_painful")]["when"][0]["is_any"] = {"too_painfull"};
        CHECK(errors_of_kb(kb) == "[kb.unknown_option] " + rule_path(kb, "pressure_too_painful") +
                                      "/when/0/is_any/0: question 'pressure' has no option 'too_painfull'\n");
    }
    SUBCASE("has_any, second option") {
        kb["rules"][index_of(kb["rules"], "numbness_or_tingling")]["when"][0]["has_any"] = {"numbness", "pins_and_needles"};
        CHECK(errors_of_kb(kb) == "[kb.unknown_option] " + rule_path(kb, "numbness_or_tingling") +
                                      "/when/0/has_any/1: question 'symptoms' has no option 'pins_and_needles'\n");
    }
    SUBCASE("ask_when") {
        kb["questions"][index_of(kb["questions"], "side")]["ask_when"][0]["has_any"] = {"arms", "legs"};
        CHECK(errors_of_kb(kb) == "[kb.unknown_option] " + question_path(kb, "side") +
                                      "/ask_when/0/has_any/1: question 'body_regions' has no option 'legs'\n");
    }
    SUBCASE("exclusive") {
        kb["questions"][index_of(kb["questions"], "symptoms")]["exclusive"] = {"nothing"};
        CHECK(errors_of_kb(kb) == "[kb.unknown_option] " + question_path(kb, "symptoms") +
                                      "/exclusive/0: question 'symptoms' has no option 'nothing'\n");
    }
}

TEST_CASE("a test that does not fit the question's type") {
    json kb = shipped_kb();
    const auto i = index_of(kb["rules"], "much_more_sore_than_expected");
    const std::string at = rule_path(kb, "much_more_sore_than_expected") + "/when/0";
    SUBCASE("has_any on a number") {
        kb["rules"][i]["when"][0] = {{"question", "pain_now"}, {"has_any", {"high"}}};
        CHECK(errors_of_kb(kb) == "[kb.wrong_test] " + at + "/has_any: 'has_any' needs a multiple-choice question; 'pain_now' is number\n");
    }
    SUBCASE("has_all on a single choice") {
        kb["rules"][i]["when"][0] = {{"question", "trend"}, {"has_all", {"worse"}}};
        CHECK(errors_of_kb(kb) == "[kb.wrong_test] " + at + "/has_all: 'has_all' needs a multiple-choice question; 'trend' is single\n");
    }
    SUBCASE("is_any on a multiple choice") {
        kb["rules"][i]["when"][0] = {{"question", "symptoms"}, {"is_any", {"swelling"}}};
        CHECK(errors_of_kb(kb) == "[kb.wrong_test] " + at + "/is_any: 'is_any' needs a single-choice question; 'symptoms' is multiple\n");
    }
    SUBCASE("at_least on a single choice") {
        kb["rules"][i]["when"][0] = {{"question", "trend"}, {"at_least", 7}};
        CHECK(errors_of_kb(kb) == "[kb.wrong_test] " + at + "/at_least: 'at_least' needs a number question; 'trend' is single\n");
    }
    SUBCASE("below on body regions") {
        kb["rules"][i]["when"][0] = {{"question", "body_regions"}, {"below", 7}};
        CHECK(errors_of_kb(kb) == "[kb.wrong_test] " + at + "/below: 'below' needs a number question; 'body_regions' is regions\n");
    }
    SUBCASE("a threshold outside the question's range") {
        kb["rules"][i]["when"][0] = {{"question", "pain_now"}, {"at_least", 70}};
        CHECK(errors_of_kb(kb) == "[kb.out_of_range] " + at + "/at_least: expected a number within the question's range\n");
    }
    SUBCASE("two tests in one condition") {
        kb["rules"][i]["when"][0] = {{"question", "pain_now"}, {"at_least", 7}, {"below", 9}};
        CHECK(errors_of_kb(kb) == "[kb.ambiguous_condition] " + at + ": one test per condition; use separate conditions\n");
    }
}

TEST_CASE("a mistyped field is an error, never ignored") {
    json kb = shipped_kb();
    SUBCASE("in a rule") {
        const auto i = index_of(kb["rules"], "mild_bruising");
        const std::string at = rule_path(kb, "mild_bruising");
        kb["rules"][i]["requries"] = kb["rules"][i]["requires"];
        kb["rules"][i].erase("requires");
        CHECK(errors_of_kb(kb) == "[kb.missing_field] " + at + ": missing field 'requires'\n"
                                  "[kb.unknown_field] " + at + "/requries: unknown field 'requries'\n"
                                  "[kb.wrong_type] " + at + "/requires: expected a string\n"
                                  "[kb.unknown_disposition] " + at + "/requires: unknown disposition ''\n");
    }
    SUBCASE("in a condition: the test's name") {
        const auto i = index_of(kb["rules"], "mild_bruising");
        kb["rules"][i]["when"][0] = {{"question", "symptoms"}, {"has_anny", {"mild_bruising"}}};
        CHECK(errors_of_kb(kb) == "[kb.missing_field] " + rule_path(kb, "mild_bruising") +
                                      "/when/0: a condition needs a test: has_any, has_all, is_any, at_least, below, unanswered, "
                                      "incomplete or any\n");
    }
    SUBCASE("in a condition: an extra field") {
        const auto i = index_of(kb["rules"], "mild_bruising");
        kb["rules"][i]["when"][0]["qusetion"] = "symptoms";
        CHECK(errors_of_kb(kb) == "[kb.unknown_field] " + rule_path(kb, "mild_bruising") + "/when/0/qusetion: unknown field 'qusetion'\n");
    }
    SUBCASE("in a question") {
        const auto i = index_of(kb["questions"], "side");
        kb["questions"][i]["ask_wehn"] = kb["questions"][i]["ask_when"];
        kb["questions"][i].erase("ask_when");
        CHECK(errors_of_kb(kb) == "[kb.unknown_field] " + question_path(kb, "side") + "/ask_wehn: unknown field 'ask_wehn'\n");
    }
    SUBCASE("at the top") {
        kb["rulez"] = json::array();
        CHECK(errors_of_kb(kb) == "[kb.unknown_field] /rulez: unknown field 'rulez'\n");
    }
    SUBCASE("in the strings file") {
        json strings = shipped_strings();
        strings["questions"]["pain_now"]["hepl"] = "typo";
        CHECK(errors_of_strings(strings) == "[kb.unknown_field] /questions/pain_now/hepl: unknown field 'hepl'\n");
    }
}

TEST_CASE("references that point nowhere") {
    json kb = shipped_kb();
    SUBCASE("unknown advice in a rule") {
        kb["rules"][index_of(kb["rules"], "fever")]["advice"] = {"drink_watter"};
        // drink_water is still given by other rules, so only the dangling reference is reported.
        CHECK(errors_of_kb(kb) == "[kb.unknown_advice] " + rule_path(kb, "fever") + "/advice/0: unknown advice 'drink_watter'\n");
    }
    SUBCASE("unknown disposition in a rule") {
        kb["rules"][index_of(kb["rules"], "fever")]["requires"] = "see_gp";
        CHECK(errors_of_kb(kb) == "[kb.unknown_disposition] " + rule_path(kb, "fever") + "/requires: unknown disposition 'see_gp'\n");
    }
    SUBCASE("the timeline's question") {
        kb["timeline"]["question"] = "trend";
        CHECK(errors_of_kb(kb) == "[kb.unknown_question] /timeline/question: expected a number question, got 'trend'\n");
    }
}

TEST_CASE("a disposition no rule can reach") {
    json kb = shipped_kb();
    json kept = json::array();
    for (auto& r : kb["rules"])
        if (r["requires"] != "contact_therapist") kept.push_back(r);
    kb["rules"] = kept;
    // Taking the rules away also leaves the advice only they gave unused.
    auto position = [&](const char* id) {
        std::size_t i = 0;
        while (kb["advice"][i] != id) ++i;
        return std::to_string(i);
    };
    CHECK(errors_of_kb(kb) == "[kb.unreachable] /dispositions/1: no rule leads to 'contact_therapist'\n"
                              "[kb.unused_advice] /advice/" + position("ask_lighter_pressure") +
                                  ": no rule or disposition gives advice 'ask_lighter_pressure'\n"
                                  "[kb.unused_advice] /advice/" + position("wash_off_oil") +
                                  ": no rule or disposition gives advice 'wash_off_oil'\n");
}

TEST_CASE("advice that nothing gives") {
    json kb = shipped_kb();
    kb["advice"].push_back("stretch_more");
    CHECK(errors_of_kb(kb) == "[kb.unused_advice] /advice/" + std::to_string(kb["advice"].size() - 1) +
                                  ": no rule or disposition gives advice 'stretch_more'\n");
}

TEST_CASE("dispositions out of order") {
    json kb = shipped_kb();
    std::swap(kb["dispositions"][0], kb["dispositions"][1]);
    CHECK(errors_of_kb(kb) == "[kb.wrong_disposition] /dispositions/0/id: expected 'self_care' here, got 'contact_therapist'\n"
                              "[kb.wrong_disposition] /dispositions/1/id: expected 'contact_therapist' here, got 'self_care'\n");
}

TEST_CASE("a question may only depend on questions asked before it") {
    json kb = shipped_kb();
    const auto side = index_of(kb["questions"], "side");
    const std::string at = question_path(kb, "side") + "/ask_when/0";
    SUBCASE("a later question") {
        kb["questions"][side]["ask_when"][0] = {{"question", "pain_now"}, {"at_least", 1}};
        auto loaded = load_knowledge_base(kb.dump(), shipped_strings_text());
        REQUIRE(loaded.errors.size() == 1);
        CHECK(loaded.errors[0].code == "kb.unknown_question");
        CHECK(loaded.errors[0].where == at);
    }
    SUBCASE("itself") {
        kb["questions"][side]["ask_when"][0] = {{"question", "side"}, {"is_any", {"left"}}};
        auto loaded = load_knowledge_base(kb.dump(), shipped_strings_text());
        REQUIRE(loaded.errors.size() == 1);
        CHECK(loaded.errors[0].code == "kb.ask_when_self");  // kb.unknown_question before issue 14
        CHECK(loaded.errors[0].where == at);
    }
}

// Regression: a later question used to be reported as "unknown" (questions were registered while read).
TEST_CASE("an ask_when naming a later question says so") {
    json kb = shipped_kb();
    kb["questions"][index_of(kb["questions"], "side")]["ask_when"][0] = {{"question", "pain_now"}, {"at_least", 1}};
    CHECK(errors_of_kb(kb) == "[kb.unknown_question] " + question_path(kb, "side") +
                                  "/ask_when/0: may only refer to questions asked earlier, not 'pain_now'\n");
}

TEST_CASE("a misordered timeline") {
    json kb = shipped_kb();
    SUBCASE("peak ends before it starts") {
        kb["timeline"]["peak_ends_hours"] = 20;
        CHECK(errors_of_kb(kb) == "[kb.bad_range] /timeline: expected peak_starts < peak_ends <= usually_gone <= seek_advice\n");
    }
    SUBCASE("advice sought before soreness is usually gone") {
        kb["timeline"]["seek_advice_hours"] = 60;
        CHECK(errors_of_kb(kb) == "[kb.bad_range] /timeline: expected peak_starts < peak_ends <= usually_gone <= seek_advice\n");
    }
    SUBCASE("negative hours") {
        kb["timeline"]["peak_starts_hours"] = -1;
        CHECK(errors_of_kb(kb) == "[kb.wrong_type] /timeline/peak_starts_hours: expected a number of hours\n");
    }
}

TEST_CASE("missing translations") {
    json strings = shipped_strings();
    SUBCASE("a rule's reason") {
        strings["rules"].erase("chest_pain");
        CHECK(errors_of_strings(strings) == "[kb.missing_text] /rules/chest_pain: missing text for 'chest_pain'\n");
    }
    SUBCASE("an option") {
        strings["questions"]["symptoms"]["options"].erase("dark_urine");
        CHECK(errors_of_strings(strings) == "[kb.missing_text] /questions/symptoms/options/dark_urine: missing text for 'dark_urine'\n");
    }
    SUBCASE("a question") {
        strings["questions"].erase("trend");
        CHECK(errors_of_strings(strings) == "[kb.missing_text] /questions/trend: missing text for 'trend'\n");
    }
    SUBCASE("advice") {
        strings["advice"].erase("cold_pack");
        CHECK(errors_of_strings(strings) == "[kb.missing_text] /advice/cold_pack: missing text for 'cold_pack'\n");
    }
    SUBCASE("a disposition's headline") {
        strings["dispositions"]["urgent"].erase("headline");
        CHECK(errors_of_strings(strings) == "[kb.missing_field] /dispositions/urgent: missing field 'headline'\n"
                                            "[kb.wrong_type] /dispositions/urgent/headline: expected a string\n");
    }
    SUBCASE("a timeline phase") {
        strings["timeline"].erase("unknown");
        CHECK(errors_of_strings(strings) == "[kb.missing_text] /timeline/unknown: missing text for 'unknown'\n");
    }
}

TEST_CASE("empty texts") {
    json strings = shipped_strings();
    SUBCASE("advice") {
        strings["advice"]["rest"] = "";
        CHECK(errors_of_strings(strings) == "[kb.empty_text] /advice/rest: must not be empty\n");
    }
    SUBCASE("a question") {
        strings["questions"]["pain_now"]["text"] = "";
        CHECK(errors_of_strings(strings) == "[kb.empty_text] /questions/pain_now/text: must not be empty\n");
    }
    SUBCASE("help may be empty") {
        strings["questions"]["pain_now"]["help"] = "";
        CHECK(errors_of_strings(strings) == "");
    }
}

TEST_CASE("a text for an id that does not exist") {
    json strings = shipped_strings();
    SUBCASE("rule") {
        strings["rules"]["ghost_rule"] = "Boo.";
        CHECK(errors_of_strings(strings) == "[kb.unknown_id] /rules/ghost_rule: text for unknown id 'ghost_rule'\n");
    }
    SUBCASE("option") {
        strings["questions"]["trend"]["options"]["sideways"] = "Sideways";
        CHECK(errors_of_strings(strings) == "[kb.unknown_id] /questions/trend/options/sideways: text for unknown id 'sideways'\n");
    }
    SUBCASE("question") {
        strings["questions"]["mood"] = {{"text", "How do you feel?"}, {"help", ""}};
        CHECK(errors_of_strings(strings) == "[kb.unknown_id] /questions/mood: text for unknown id 'mood'\n");
    }
    SUBCASE("advice") {
        strings["advice"]["ice_bath"] = "Sit in ice.";
        CHECK(errors_of_strings(strings) == "[kb.unknown_id] /advice/ice_bath: text for unknown id 'ice_bath'\n");
    }
}

TEST_CASE("a file that is not valid JSON") {
    SUBCASE("the knowledge base") {
        CHECK(errors_of(std::string(R"({"version": "1", })"), shipped_strings_text()) ==
              "[kb.parse_error] /: the knowledge base: invalid JSON at byte 18: syntax error while parsing object key - "
              "unexpected '}'; expected string literal\n");
    }
    SUBCASE("the strings file") {
        CHECK(errors_of(shipped_knowledge_text(), std::string(R"({"language": "en")")) ==
              "[kb.parse_error] /: the strings file: invalid JSON at byte 18: syntax error while parsing object - "
              "unexpected end of input; expected '}'\n");
    }
    SUBCASE("an empty file") {
        CHECK(errors_of(std::string(), shipped_strings_text()) ==
              "[kb.parse_error] /: the knowledge base: invalid JSON at byte 1: syntax error while parsing value - "
              "unexpected end of input; expected '[', '{', or a literal\n");
    }
    SUBCASE("a document that is not an object") {
        CHECK(errors_of(std::string("[]"), shipped_strings_text()) == "[kb.wrong_type] /: expected an object\n");
    }
}

TEST_CASE("issue 18: amounts in every plural form of the language") {
    json strings = shipped_strings();
    SUBCASE("the shipped languages have every form") {
        for (const char* language : {"en", "es", "de"}) {
            auto loaded = load_knowledge_base(shipped_knowledge_text(), shipped_strings_text(language));
            CHECK_MESSAGE(loaded.errors.empty(), language);
            if (!loaded.knowledge) continue;
            for (const char* unit : {"hours", "days", "hours_dative", "days_dative"})
                CHECK(loaded.knowledge->amounts.at(unit).size() == loaded.knowledge->plural_categories.size());
        }
        auto de = load_knowledge_base(shipped_knowledge_text(), shipped_strings_text("de"));
        REQUIRE(de.knowledge);
        CHECK(de.knowledge->amounts.at("days_dative").at("other") == "{n} Tagen");
    }
    SUBCASE("a missing form") {
        strings["amounts"]["days"].erase("one");
        CHECK(errors_of_strings(strings) == "[kb.missing_text] /amounts/days/one: missing plural form 'one' of 'days'\n");
    }
    SUBCASE("a language that declares a category its texts lack") {
        strings["plural_categories"] = {"one", "few", "other"};
        std::string expected;
        for (const char* unit : {"hours", "days", "hours_dative", "days_dative"})
            expected += std::string("[kb.missing_text] /amounts/") + unit + "/few: missing plural form 'few' of '" + unit + "'\n";
        CHECK(errors_of_strings(strings) == expected);
    }
    SUBCASE("a form the language does not have") {
        strings["amounts"]["hours"]["two"] = "{n} hours";
        CHECK(errors_of_strings(strings) == "[kb.unknown_id] /amounts/hours/two: text for unknown id 'two'\n");
    }
    SUBCASE("a form without its number") {
        strings["amounts"]["hours_dative"]["other"] = "hours";
        CHECK(errors_of_strings(strings) == "[kb.missing_number] /amounts/hours_dative/other: a plural form needs the number as {n}\n");
    }
    SUBCASE("a unit missing, or unknown") {
        strings["amounts"].erase("days_dative");
        strings["amounts"]["weeks"] = {{"one", "{n} week"}, {"other", "{n} weeks"}};
        CHECK(errors_of_strings(strings) == "[kb.missing_text] /amounts/days_dative: missing text for 'days_dative'\n"
                                            "[kb.unknown_id] /amounts/weeks: text for unknown id 'weeks'\n");
    }
    SUBCASE("plural categories that are not CLDR's") {
        strings["plural_categories"] = {"one", "plural"};
        CHECK(errors_of_strings(strings).find("[kb.unknown_id] /plural_categories/1: unknown plural category 'plural'; expected zero, one, "
                                              "two, few, many or other\n"
                                              "[kb.missing_text] /plural_categories: every language has the plural category 'other'\n") == 0);
    }
    SUBCASE("no plural categories at all") {
        strings.erase("plural_categories");
        CHECK(errors_of_strings(strings).find("[kb.missing_field] /: missing field 'plural_categories'\n") == 0);
    }
}

TEST_CASE("issue 18: the timeline's not-sore condition is checked like a rule's") {
    json kb = shipped_kb();
    SUBCASE("an unknown question") {
        kb["timeline"]["not_sore_when"][0]["question"] = "pian_now";
        CHECK(errors_of_kb(kb) == "[kb.unknown_question] /timeline/not_sore_when/0: unknown question 'pian_now'\n");
    }
    SUBCASE("'incomplete' is for rules") {
        kb["timeline"]["not_sore_when"] = {{{"incomplete", true}}};
        CHECK(errors_of_kb(kb) == "[kb.wrong_test] /timeline/not_sore_when/0: 'incomplete' is for rules, not the timeline\n");
    }
    SUBCASE("'incomplete' is for rules, also inside 'any'") {
        kb["timeline"]["not_sore_when"] = json::parse(R"([{"any": [{"question": "pain_now", "below": 1}, {"incomplete": true}]}])");
        CHECK(errors_of_kb(kb) == "[kb.wrong_test] /timeline/not_sore_when/0: 'incomplete' is for rules, not the timeline\n");
    }
}

TEST_CASE("issue 13: help lines by country") {
    json kb = shipped_kb();
    json& countries = kb["help_lines"]["countries"];
    const auto at = [&](const std::string& code) {
        for (std::size_t i = 0; i < countries.size(); ++i)
            if (countries[i]["country"] == code) return i;
        FAIL("no help lines for " << code);
        return std::size_t{0};
    };
    const auto gb = at("GB");
    const std::string where = "/help_lines/countries/" + std::to_string(gb);
    SUBCASE("the shipped table: every country once, the default 112") {
        std::set<std::string> codes;
        for (const auto& c : countries) CHECK_MESSAGE(codes.insert(c["country"].get<std::string>()).second, c["country"]);
        CHECK(kb["help_lines"]["default"] == json{{"emergency", "112"}});
    }
    SUBCASE("a country code that is not two capital letters") {
        countries[gb]["country"] = "gb";
        CHECK(errors_of_kb(kb) == "[kb.bad_country] " + where +
                                      "/country: expected a country code of two capital letters (ISO 3166-1 alpha-2) like 'GB', got 'gb'\n");
        countries[gb]["country"] = "GBR";
        CHECK(errors_of_kb(kb) == "[kb.bad_country] " + where +
                                      "/country: expected a country code of two capital letters (ISO 3166-1 alpha-2) like 'GB', got 'GBR'\n");
    }
    SUBCASE("a country listed twice") {
        countries.push_back({{"country", "GB"}, {"emergency", "112"}});
        CHECK(errors_of_kb(kb) == "[kb.duplicate_id] /help_lines/countries/" + std::to_string(countries.size() - 1) +
                                      "/country: duplicate country 'GB'\n");
    }
    SUBCASE("numbers: only digits, spaces between them, a + first; 2 to 15 digits") {
        const std::string expected = " digits, with spaces between them and a + only at the start, got ";
        for (const char* bad : {"99g", "1-1-1", " 999", "999 ", "9+99", "9", "1234567890123456"}) {
            countries[gb]["emergency"] = bad;
            CHECK(errors_of_kb(kb) == "[kb.bad_number] " + where + "/emergency: expected a phone number of 2 to 15" + expected + "'" + bad + "'\n");
        }
        countries[gb]["non_emergency"]["number"] = "one-one-one";
        countries[gb]["emergency"] = "+44 999";
        CHECK(errors_of_kb(kb) == "[kb.bad_number] " + where + "/non_emergency/number: expected a phone number of 2 to 15" + expected +
                                      "'one-one-one'\n");
        countries[gb]["non_emergency"]["number"] = "123456789012345";
        CHECK(errors_of_kb(kb).empty());
    }
    SUBCASE("the default") {
        kb["help_lines"].erase("default");
        CHECK(errors_of_kb(kb) == "[kb.missing_field] /help_lines: missing field 'default'\n"
                                  "[kb.wrong_type] /help_lines/default: expected an object\n");
        kb["help_lines"]["default"] = {{"emergency", "11 2x"}};
        CHECK(errors_of_kb(kb) == "[kb.bad_number] /help_lines/default/emergency: expected a phone number of 2 to 15 digits, with spaces "
                                  "between them and a + only at the start, got '11 2x'\n");
    }
    SUBCASE("a line without a name") {
        countries[gb]["non_emergency"]["name"] = "";
        CHECK(errors_of_kb(kb) == "[kb.empty_text] " + where + "/non_emergency/name: must not be empty\n");
        countries[gb]["non_emergency"].erase("name");
        CHECK(errors_of_kb(kb) == "[kb.missing_field] " + where + "/non_emergency: missing field 'name'\n"
                                  "[kb.wrong_type] " + where + "/non_emergency/name: expected a string\n");
    }
    SUBCASE("unknown fields are refused") {
        countries[gb]["non_emergnecy"] = countries[gb]["non_emergency"];
        countries[gb].erase("non_emergency");
        CHECK(errors_of_kb(kb) == "[kb.unknown_field] " + where + "/non_emergnecy: unknown field 'non_emergnecy'\n");
        kb["help_lines"]["default"]["note"] = "a default has no note";
        kb["help_lines"]["countires"] = json::array();
        CHECK(errors_of_kb(kb) == "[kb.unknown_field] /help_lines/countires: unknown field 'countires'\n"
                                  "[kb.unknown_field] /help_lines/default/note: unknown field 'note'\n"
                                  "[kb.unknown_field] " + where + "/non_emergnecy: unknown field 'non_emergnecy'\n");
    }
}

TEST_CASE("issue 13: the calls a disposition offers") {
    json kb = shipped_kb();
    SUBCASE("an unknown call") {
        kb["dispositions"][3]["calls"] = {"non_emergency", "ambulance"};
        CHECK(errors_of_kb(kb) == "[kb.unknown_call] /dispositions/3/calls/1: unknown call 'ambulance'; expected emergency, "
                                  "emergency_if_worse or non_emergency\n");
    }
    SUBCASE("a call offered twice") {
        kb["dispositions"][3]["calls"] = {"non_emergency", "non_emergency"};
        CHECK(errors_of_kb(kb) == "[kb.duplicate_id] /dispositions/3/calls/1: duplicate id 'non_emergency'\n");
    }
    SUBCASE("an emergency result must offer the emergency number") {
        kb["dispositions"][4]["calls"] = {"non_emergency"};
        CHECK(errors_of_kb(kb) == "[kb.missing_call] /dispositions/4/calls: the emergency disposition must offer the call 'emergency'\n");
        kb["dispositions"][4].erase("calls");
        CHECK(errors_of_kb(kb) == "[kb.missing_call] /dispositions/4/calls: the emergency disposition must offer the call 'emergency'\n");
    }
    SUBCASE("calls without numbers") {
        kb.erase("help_lines");
        CHECK(errors_of_kb(kb) == "[kb.missing_field] /dispositions/3/calls: calls need the numbers in 'help_lines'\n"
                                  "[kb.missing_field] /dispositions/4/calls: calls need the numbers in 'help_lines'\n");
        kb["dispositions"][3].erase("calls");
        kb["dispositions"][4].erase("calls");
        CHECK(errors_of_kb(kb).empty());  // a knowledge base without numbers offers no calls (the verifier's test bases)
    }
}

// Issue 15: what a result shows and how a question is answered is knowledge-base data the loader checks, so
// the page decides none of it.
TEST_CASE("issue 15: the start question") {
    json kb = shipped_kb();
    SUBCASE("the shipped one is the emergency signs") {
        auto loaded = load_knowledge_base(kb.dump(), shipped_strings_text());
        REQUIRE(loaded.knowledge.has_value());
        REQUIRE(loaded.knowledge->start_question >= 0);
        CHECK(loaded.knowledge->questions[loaded.knowledge->start_question].id == "danger_signs");
    }
    SUBCASE("an unknown question") {
        kb["start_question"] = "danger_sings";
        CHECK(errors_of_kb(kb) == "[kb.unknown_question] /start_question: unknown question 'danger_sings'\n");
    }
    SUBCASE("not a red-flag multiple question with an exclusive option, always asked") {
        const std::string why = " cannot start the check: the start question must be a red-flag multiple question, always asked, "
                                "with an exclusive option such as 'none'\n";
        for (const char* id : {"massage_type", "body_regions", "pain_now", "pregnancy_signs"}) {
            CAPTURE(id);
            kb["start_question"] = id;
            CHECK(errors_of_kb(kb) == "[kb.bad_start_question] /start_question: '" + std::string(id) + "'" + why);
        }
        kb["start_question"] = "danger_signs";
        kb["questions"][index_of(kb["questions"], "danger_signs")].erase("exclusive");
        CHECK(errors_of_kb(kb) == "[kb.bad_start_question] /start_question: 'danger_signs'" + why);
    }
    SUBCASE("not a text") {
        kb["start_question"] = 0;
        CHECK(errors_of_kb(kb) == "[kb.wrong_type] /start_question: expected a string\n");
    }
}

TEST_CASE("issue 15: how a number question is answered, and a scale's end texts") {
    json kb = shipped_kb();
    json strings = shipped_strings();
    const auto pain = index_of(kb["questions"], "pain_now");
    const auto hours = index_of(kb["questions"], "hours_since_massage");
    const std::string pain_at = question_path(kb, "pain_now");
    SUBCASE("the shipped inputs") {
        auto loaded = load_knowledge_base(kb.dump(), strings.dump());
        REQUIRE(loaded.knowledge.has_value());
        const auto& q = loaded.knowledge->questions;
        CHECK(q[pain].input == "scale");
        CHECK(q[pain].min_text == "No pain");
        CHECK(q[pain].max_text == "Worst pain you can imagine");
        CHECK(q[hours].input == "duration");
        CHECK(q[index_of(kb["questions"], "trend")].input == "choice");
        CHECK(q[index_of(kb["questions"], "body_regions")].input == "regions");
    }
    SUBCASE("an unknown input") {
        kb["questions"][pain]["input"] = "slider";
        CHECK(errors_of(kb, strings) == "[kb.unknown_input] " + pain_at + "/input: unknown input 'slider'; expected scale, duration or number\n");
    }
    SUBCASE("an input on a choice question") {
        kb["questions"][index_of(kb["questions"], "trend")]["input"] = "scale";
        CHECK(errors_of(kb, strings) == "[kb.input_not_allowed] " + question_path(kb, "trend") +
                                            "/input: only a number question takes an input; a single question's input is 'choice'\n");
    }
    SUBCASE("a scale needs whole numbers and few points") {
        kb["questions"][pain].erase("integer");
        CHECK(errors_of(kb, strings) == "[kb.bad_scale] " + pain_at + "/input: a scale needs whole numbers (\"integer\": true)\n");
        kb["questions"][pain]["integer"] = true;
        kb["questions"][pain]["max"] = 100;
        CHECK(errors_of(kb, strings) == "[kb.bad_scale] " + pain_at + "/input: a scale has at most 11 points, from min to max\n");
    }
    SUBCASE("a duration is in hours") {
        kb["questions"][hours]["unit"] = "days";
        CHECK(errors_of(kb, strings) == "[kb.bad_duration] " + question_path(kb, "hours_since_massage") +
                                            "/input: a duration is counted in hours (\"unit\": \"hours\")\n");
    }
    SUBCASE("a scale without its end texts") {
        strings["questions"]["pain_now"].erase("min_text");
        strings["questions"]["pain_now"]["max_text"] = "";
        CHECK(errors_of(kb, strings) == "[kb.missing_text] /questions/pain_now/min_text: a scale needs a min_text saying what its end means\n"
                                        "[kb.empty_text] /questions/pain_now/max_text: must not be empty\n");
    }
    SUBCASE("end texts on a question that is no scale") {
        kb["questions"][pain]["input"] = "number";
        CHECK(errors_of(kb, strings) == "[kb.unknown_field] /questions/pain_now/min_text: only a scale question has a min_text\n"
                                        "[kb.unknown_field] /questions/pain_now/max_text: only a scale question has a max_text\n");
        strings["questions"]["trend"]["max_text"] = "Much worse";
        CHECK(errors_of(kb, strings).find("[kb.unknown_field] /questions/trend/max_text: only a scale question has a max_text\n") != std::string::npos);
    }
}

TEST_CASE("issue 16: a disposition that offers a reminder to check again") {
    json kb = shipped_kb();
    SUBCASE("the shipped flags: the two results about ordinary soreness") {
        auto loaded = load_knowledge_base(kb.dump(), shipped_strings_text());
        REQUIRE(loaded.knowledge.has_value());
        for (const auto& d : loaded.knowledge->dispositions) {
            CAPTURE(soreness::disposition_id(d.level));
            CHECK(d.reminder == (d.level <= soreness::disposition::contact_therapist));
        }
    }
    SUBCASE("not true or false") {
        kb["dispositions"][0]["reminder"] = "yes";
        CHECK(errors_of_kb(kb) == "[kb.wrong_type] /dispositions/0/reminder: expected true or false\n");
    }
    SUBCASE("not on a result that is not about ordinary soreness") {
        kb["dispositions"][2]["reminder"] = true;
        CHECK(errors_of_kb(kb) == "[kb.reminder_not_everyday] /dispositions/2/reminder: a reminder to check again is only for a result "
                                  "about ordinary soreness (\"everyday_advice\": true)\n");
    }
    SUBCASE("absent is false") {
        kb["dispositions"][0].erase("reminder");
        auto loaded = load_knowledge_base(kb.dump(), shipped_strings_text());
        REQUIRE(loaded.knowledge.has_value());
        CHECK_FALSE(loaded.knowledge->dispositions[0].reminder);
    }
    SUBCASE("the timeline says when: recheck_after_hours, above 0, required by a reminder") {
        auto loaded = load_knowledge_base(kb.dump(), shipped_strings_text());
        REQUIRE(loaded.knowledge.has_value());
        CHECK(loaded.knowledge->timeline.recheck_after_hours == 24);
        kb["timeline"]["recheck_after_hours"] = 0;
        CHECK(errors_of_kb(kb) == "[kb.wrong_type] /timeline/recheck_after_hours: expected a number of hours above 0\n");
        kb["timeline"].erase("recheck_after_hours");
        CHECK(errors_of_kb(kb) == "[kb.missing_field] /timeline: missing field 'recheck_after_hours' (disposition 'self_care' offers a reminder)\n");
        for (auto& d : kb["dispositions"]) d.erase("reminder");
        CHECK(load_knowledge_base(kb.dump(), shipped_strings_text()).knowledge.has_value());
    }
}

TEST_CASE("issue 15: a disposition that ends the check, or shows the contact details") {
    json kb = shipped_kb();
    SUBCASE("the shipped flags") {
        auto loaded = load_knowledge_base(kb.dump(), shipped_strings_text());
        REQUIRE(loaded.knowledge.has_value());
        for (const auto& d : loaded.knowledge->dispositions) {
            CAPTURE(soreness::disposition_id(d.level));
            CHECK(d.ends_check == (d.level == soreness::disposition::emergency));
            CHECK(d.contact_details == (d.level == soreness::disposition::contact_therapist));
        }
    }
    SUBCASE("not true or false") {
        kb["dispositions"][4]["ends_check"] = "yes";
        kb["dispositions"][1]["contact_details"] = 1;
        CHECK(errors_of_kb(kb) == "[kb.wrong_type] /dispositions/1/contact_details: expected true or false\n"
                                  "[kb.wrong_type] /dispositions/4/ends_check: expected true or false\n");
    }
    SUBCASE("a more urgent disposition must end the check too") {
        kb["dispositions"][3]["ends_check"] = true;
        kb["dispositions"][4]["ends_check"] = false;
        CHECK(errors_of_kb(kb) ==
              "[kb.ends_check_order] /dispositions/4/ends_check: every disposition more urgent than one that ends the check must end it too\n");
    }
    SUBCASE("a mistyped flag is an unknown field") {
        kb["dispositions"][4]["end_check"] = true;
        CHECK(errors_of_kb(kb) == "[kb.unknown_field] /dispositions/4/end_check: unknown field 'end_check'\n");
    }
}

TEST_CASE("sources: required by every loader but the browser's, which still checks those that are there") {
    json kb = shipped_kb();
    kb["rules"][3].erase("source");
    kb["help_lines"].erase("source");
    kb.erase("about");
    const std::string text = kb.dump();
    const std::string strings = shipped_strings().dump();

    const std::string strict = errors_of(text, strings);
    CHECK(strict.find("[kb.missing_field] /rules/3: missing field 'source'") != std::string::npos);
    CHECK(strict.find("[kb.missing_field] /help_lines: missing field 'source'") != std::string::npos);

    soreness::load_options browser;
    browser.sources_required = false;
    auto shipped = load_knowledge_base(text, strings, browser);
    CHECK(shipped.knowledge.has_value());
    CHECK(shipped.errors.empty());

    kb["rules"][5]["source"] = 7;  // present but not text: wrong everywhere
    auto wrong = load_knowledge_base(kb.dump(), strings, browser);
    REQUIRE(wrong.errors.size() == 1);
    CHECK(wrong.errors.front().code == "kb.wrong_type");
    CHECK(wrong.errors.front().where == "/rules/5/source");
}
