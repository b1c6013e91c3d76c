// Regression tests for findings of the fuzzers and the hostile-input work (issues 8 and 14). Each test
// names its finding; fuzz inputs are kept here byte for byte so the ordinary suite replays them.

#include <string>

#include <nlohmann/json.hpp>

#include "soreness/answers.hpp"
#include "soreness/checker.hpp"
#include "test_support.hpp"

using nlohmann::json;

namespace {

const soreness::knowledge_base& kb() {
    static const soreness::knowledge_base shipped = soreness::testing::shipped_knowledge();
    return shipped;
}

soreness::error answers_error(const std::string& answers_json) {
    auto parsed = soreness::parse_answers(kb(), answers_json);
    REQUIRE_FALSE(parsed.ok());
    return parsed.failure();
}

bool printable_ascii(const std::string& text) {
    for (char c : text)
        if (c < 0x20 || c > 0x7e) return false;
    return true;
}

}  // namespace

TEST_CASE("fuzz finding 1 (fuzz_assess): a parse error does not echo invalid UTF-8 from the input") {
    // build/fuzz/artifacts/fuzz_assess/crash-485b9d17a3b8a35276686f631032bd5c72ffa152: the error message
    // quoted the raw bytes, so the message held invalid UTF-8 and the envelope (which replaces it) disagreed.
    const std::string input = "{\"danger_signs\":[\"ch\xa1\x8c\x8b\xa0pain\"]}";
    auto e = answers_error(input);
    CHECK(e.code == "answers.parse_error");
    CHECK(e.where == "/");
    CHECK(e.message == "invalid JSON at byte 21: syntax error while parsing value - invalid string: ill-formed UTF-8 byte; last read: '\"ch?'");

    soreness::checker checker(kb());
    auto envelope = json::parse(checker.assess_json(input));
    CHECK(envelope["error"]["message"] == e.message);
}

TEST_CASE("fuzz finding 1 (fuzz_assess): a parse error quotes at most a short excerpt of the input") {
    const std::string input = "{\"trend\":\"" + std::string(60000, 'a') + "\xff\"}";
    auto e = answers_error(input);
    CHECK(e.code == "answers.parse_error");
    CHECK(e.message.size() < 220);
    CHECK(printable_ascii(e.message));
    CHECK(e.message.rfind("invalid JSON at byte 60011: syntax error while parsing value - invalid string: ill-formed UTF-8 byte; last read: '\"aaa", 0) == 0);
    CHECK(e.message.substr(e.message.size() - 3) == "...");
}

TEST_CASE("fuzz finding 1 (fuzz_load_knowledge_base): a knowledge base parse error is printable too") {
    auto loaded = soreness::load_knowledge_base("{\"version\": \"\xc3\x28\"}", soreness::testing::shipped_strings_text());
    REQUIRE(loaded.errors.size() == 1);
    CHECK(loaded.errors[0].code == "kb.parse_error");
    CHECK(loaded.errors[0].text() ==
          "/: the knowledge base: invalid JSON at byte 15: syntax error while parsing value - invalid string: ill-formed UTF-8 byte; last read: '\"?('");
}

TEST_CASE("hostile input: a repeated answer key is an error naming the question (JS objects cannot repeat keys)") {
    auto e = answers_error(R"({"pain_now":3,"trend":"worse","pain_now":4})");
    CHECK(e.code == "answers.duplicate_answer");
    CHECK(e.text() == "/pain_now: question 'pain_now' is answered twice");
    // The same key inside a nested value is not a repeated answer; the nested value is simply the wrong type.
    CHECK(answers_error(R"({"symptoms":[{"a":1,"a":2}]})").text() == "/symptoms/0: expected an option id, got an object");
}

TEST_CASE("hostile input: the size and nesting limits are enforced before parsing") {
    const auto& limits = kb().limits;
    REQUIRE(limits.answers_max_bytes == 65536);
    REQUIRE(limits.answers_max_depth == 4);

    std::string padded = R"({"trend":"better"})";
    padded.insert(1, limits.answers_max_bytes - padded.size(), ' ');
    CHECK(soreness::parse_answers(kb(), padded).ok());
    padded.insert(1, " ");
    CHECK(answers_error(padded).text() == "/: the answers are 65537 bytes; the limit is 65536");

    CHECK(answers_error(R"({"symptoms":[[["none"]]]})").text() == "/symptoms/0: expected an option id, got a list");
    CHECK(answers_error(R"({"symptoms":[[[["none"]]]]})").text() == "/: the answers are nested more than 4 levels deep");
    CHECK(answers_error(std::string(1000000, '[')).text() == "/: the answers are 1000000 bytes; the limit is 65536");
    CHECK(answers_error(std::string(60000, '[')).text() == "/: the answers are nested more than 4 levels deep");
    // Brackets inside strings do not count.
    CHECK(answers_error(R"({"trend":"[[[[[[[[["})").text() ==
          "/trend: unknown option '[[[[[[[[['; expected one of better, same, worse");
}

TEST_CASE("hostile input: unpaired surrogates and overflowing numbers are parse errors") {
    CHECK(answers_error(R"({"trend":"\ud800"})").text() ==
          "/: invalid JSON at byte 17: syntax error while parsing value - invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF; last read: '\"\\ud800\"'");
    CHECK(answers_error(R"({"pain_now":1e400})").code == "answers.parse_error");
    CHECK(answers_error(R"({"hours_since_massage":18446744073709551616})").text() ==
          "/hours_since_massage: 1.8446744073709552e+19 is out of range; expected a number from 0 to 2160 (hours)");
}

TEST_CASE("finding 2 (stack overflow): deeply nested 'any' conditions in a knowledge base are rejected, not recursed into") {
    // 20,000 nested {"any":[...]} overflowed the stack in loader::read_condition (found with
    // fuzz_load_knowledge_base and a generated input); documents are now limited to 32 levels.
    auto kb_json = json::parse(soreness::testing::shipped_knowledge_text());
    const std::string leaf = R"({"question":"pain_now","at_least":5})";
    auto nested = [&](int levels) {
        std::string open, close;
        for (int i = 0; i < levels; ++i) {
            open += R"({"any":[)";
            close += "," + leaf + "]}";
        }
        return open + leaf + close;
    };
    auto with_condition = [&](int levels) {
        auto doc = kb_json;
        doc["rules"][0]["when"] = json::array({"@"});
        std::string text = doc.dump();
        text.replace(text.find("\"@\""), 3, nested(levels));
        return soreness::load_knowledge_base(text, soreness::testing::shipped_strings_text());
    };
    auto deep = with_condition(20000);
    REQUIRE(deep.errors.size() == 1);
    CHECK(deep.errors[0].code == "kb.too_deep");
    CHECK(deep.errors[0].text() == "/: the knowledge base: nested more than 32 levels deep");
    // The rules array, the rule, "when" and each "any" with its list count: 14 levels of "any" pass 32.
    // Since issue 14 conditions nest at most max_condition_depth (8) levels, which names the place.
    CHECK(with_condition(7).knowledge.has_value());
    REQUIRE(with_condition(13).errors.size() == 1);
    CHECK(with_condition(13).errors[0].code == "kb.too_deep");
    CHECK(with_condition(13).errors[0].where == "/rules/0/when/0/any/0/any/0/any/0/any/0/any/0/any/0/any/0/any");
    CHECK(with_condition(14).errors.at(0).text() == "/: the knowledge base: nested more than 32 levels deep");

    auto strings = soreness::load_knowledge_base(soreness::testing::shipped_knowledge_text(), std::string(40, '['));
    REQUIRE(strings.errors.size() == 1);
    CHECK(strings.errors[0].text() == "/: the strings file: nested more than 32 levels deep");
}

namespace {

/// The shipped knowledge base with one change, loaded with the shipped English strings: every error
/// as "[code] where: message", one per line.
std::string load_errors(const json& kb_json) {
    auto loaded = soreness::load_knowledge_base(kb_json.dump(), soreness::testing::shipped_strings_text());
    CHECK(loaded.knowledge.has_value() == loaded.errors.empty());
    std::string all;
    for (const auto& e : loaded.errors) all += "[" + e.code + "] " + e.text() + "\n";
    return all;
}

json shipped_json() { return json::parse(soreness::testing::shipped_knowledge_text()); }

json& question_json(json& kb_json, const std::string& id) {
    for (auto& q : kb_json["questions"])
        if (q["id"] == id) return q;
    FAIL("no question " << id);
    return kb_json;
}

}  // namespace

TEST_CASE("issue 14: an ask_when using 'incomplete' is refused (it overflowed the stack in every assess)") {
    // validate said ok, then assess recursed missing_questions -> applies -> holds -> missing_questions.
    auto kb_json = shipped_json();
    SUBCASE("directly") {
        question_json(kb_json, "pressure")["ask_when"] = json::parse(R"([{"incomplete": true}])");
        CHECK(load_errors(kb_json) ==
              "[kb.ask_when_incomplete] /questions/4/ask_when/0: 'incomplete' cannot decide whether a question is asked: "
              "which questions are missing depends on ask_when itself\n");
    }
    SUBCASE("inside 'any'") {
        question_json(kb_json, "side")["ask_when"] =
            json::parse(R"([{"any": [{"question": "massage_type", "is_any": ["sports"]}, {"any": [{"question": "pressure", "unanswered": true}, {"incomplete": true}]}]}])");
        CHECK(load_errors(kb_json) ==
              "[kb.ask_when_incomplete] /questions/7/ask_when/0/any/1/any/1: 'incomplete' cannot decide whether a question is asked: "
              "which questions are missing depends on ask_when itself\n");
    }
    SUBCASE("in a rule it is still fine") {
        CHECK(load_errors(kb_json).empty());
        bool uses_incomplete = false;
        for (const auto& r : kb_json["rules"])
            for (const auto& c : r["when"]) uses_incomplete = uses_incomplete || c.contains("incomplete");
        CHECK(uses_incomplete);
    }
}

TEST_CASE("issue 14: an ask_when naming its own question is refused") {
    auto kb_json = shipped_json();
    SUBCASE("a test of its answer") {
        question_json(kb_json, "pressure")["ask_when"] = json::parse(R"([{"question": "pressure", "is_any": ["too_painful"]}])");
        CHECK(load_errors(kb_json) ==
              "[kb.ask_when_self] /questions/4/ask_when/0: a question cannot be asked depending on its own answer ('pressure')\n");
    }
    SUBCASE("'unanswered', inside 'any'") {
        question_json(kb_json, "pressure")["ask_when"] =
            json::parse(R"([{"any": [{"question": "massage_type", "is_any": ["sports"]}, {"question": "pressure", "unanswered": true}]}])");
        CHECK(load_errors(kb_json) ==
              "[kb.ask_when_self] /questions/4/ask_when/0/any/1: a question cannot be asked depending on its own answer ('pressure')\n");
    }
}

TEST_CASE("issue 14: questions whose ask_when depend on each other in a cycle are refused, naming the cycle") {
    auto kb_json = shipped_json();
    SUBCASE("two questions") {
        question_json(kb_json, "pressure")["ask_when"] = json::parse(R"([{"question": "first_massage", "is_any": ["no"]}])");
        question_json(kb_json, "first_massage")["ask_when"] = json::parse(R"([{"question": "pressure", "unanswered": true}])");
        CHECK(load_errors(kb_json) ==
              "[kb.ask_when_cycle] /questions/4/ask_when/0: questions decide in a cycle whether each other is asked: "
              "'pressure' -> 'first_massage' -> 'pressure'; an ask_when may only refer to questions asked earlier\n");
    }
    SUBCASE("three questions, the cycle closed inside 'any'") {
        question_json(kb_json, "massage_type")["ask_when"] =
            json::parse(R"([{"any": [{"question": "danger_signs", "has_any": ["none"]}, {"question": "first_massage", "is_any": ["no"]}]}])");
        question_json(kb_json, "first_massage")["ask_when"] = json::parse(R"([{"question": "pressure", "is_any": ["comfortable"]}])");
        question_json(kb_json, "pressure")["ask_when"] = json::parse(R"([{"question": "massage_type", "is_any": ["sports"]}])");
        CHECK(load_errors(kb_json) ==
              "[kb.ask_when_cycle] /questions/3/ask_when/0/any/1: questions decide in a cycle whether each other is asked: "
              "'massage_type' -> 'first_massage' -> 'pressure' -> 'massage_type'; an ask_when may only refer to questions asked earlier\n");
    }
    SUBCASE("a later question without a cycle is the ordering error it always was") {
        question_json(kb_json, "pressure")["ask_when"] = json::parse(R"([{"question": "first_massage", "is_any": ["no"]}])");
        CHECK(load_errors(kb_json) ==
              "[kb.unknown_question] /questions/4/ask_when/0: may only refer to questions asked earlier, not 'first_massage'\n");
    }
}

TEST_CASE("issue 14: conditions nested deeper than max_condition_depth are refused where they are") {
    REQUIRE(soreness::max_condition_depth == 8);
    const json leaf = json::parse(R"({"question": "pain_now", "at_least": 5})");
    auto nested = [&](int levels) {
        json c = leaf;
        for (int i = 0; i < levels; ++i) c = json{{"any", json::array({c, leaf})}};
        return c;
    };
    std::string deepest = "/0";  // the eighth level's "any", which would hold a ninth
    for (int i = 0; i < 7; ++i) deepest += "/any/0";
    deepest += "/any";

    auto kb_json = shipped_json();
    SUBCASE("in a rule") {
        kb_json["rules"][0]["when"] = json::array({nested(7)});
        CHECK(load_errors(kb_json).empty());
        kb_json["rules"][0]["when"] = json::array({nested(8)});
        CHECK(load_errors(kb_json) == "[kb.too_deep] /rules/0/when" + deepest + ": conditions may nest at most 8 levels deep ('any' inside 'any')\n");
    }
    SUBCASE("in an ask_when") {
        const json hours = json::parse(R"({"question": "hours_since_massage", "below": 24})");
        json c = hours;
        for (int i = 0; i < 12; ++i) c = json{{"any", json::array({c, hours})}};
        question_json(kb_json, "pressure")["ask_when"] = json::array({c});
        CHECK(load_errors(kb_json) == "[kb.too_deep] /questions/4/ask_when" + deepest + ": conditions may nest at most 8 levels deep ('any' inside 'any')\n");
    }
}

TEST_CASE("issue 14 (read in the evaluation code): 'incomplete' inside an 'any' inside an 'any' shows its evidence") {
    // assess evaluated it with the missing questions, but the public holds() computed them only for a
    // top-level "incomplete", so the reason's evidence came out empty.
    auto evidence = [](const json& when) {
        auto kb_json = shipped_json();
        for (auto& r : kb_json["rules"])
            if (r["id"] == "answers_missing") r["when"] = when;
        auto loaded = soreness::load_knowledge_base(kb_json.dump(), soreness::testing::shipped_strings_text());
        REQUIRE(loaded.knowledge.has_value());
        auto report = json::parse(soreness::checker(std::move(*loaded.knowledge)).assess_json(R"({"danger_signs": ["none"]})"));
        for (const auto& reason : report["result"]["reasons"])
            if (reason["rule"] == "answers_missing") return reason["answers"];
        FAIL("answers_missing did not fire");
        return json();
    };
    const json direct = evidence(json::parse(R"([{"incomplete": true}])"));
    REQUIRE(direct.size() == 12);
    CHECK(direct[0] == json::parse(R"({"question": "passed_signs", "question_text": "Since the massage, have you had any of these, even if they have stopped?", "answered": false})"));
    CHECK(direct[1] == json::parse(R"({"question": "hours_since_massage", "question_text": "How long ago was your massage?", "answered": false})"));
    CHECK(evidence(json::parse(R"([{"any": [{"any": [{"incomplete": true}, {"question": "pain_now", "at_least": 10}]},
                                            {"question": "pain_now", "at_least": 10}]}])")) == direct);
}

TEST_CASE("issue 14, finding 4 (fuzz_build_knowledge_base, loader fix reverted): the knowledge base it built is refused") {
    // tests/fuzz/corpus/fuzz_build_knowledge_base/issue14_incomplete_ask_when (was
    // crash-e3171b216ba032a1655f2f5452463576cb745e5e): it loaded, then assess overflowed the stack.
    // The texts below are what that input builds (SORENESS_FUZZ_PRINT=1).
    const std::string kb_text = R"({"advice":["rest"],"dispositions":[{"advice":["rest"],"everyday_advice":true,"id":"self_care"},{"advice":["rest"],"everyday_advice":true,"id":"contact_therapist"},{"advice":["rest"],"everyday_advice":true,"id":"see_doctor"},{"advice":["rest"],"everyday_advice":true,"id":"urgent"},{"advice":["rest"],"everyday_advice":true,"id":"emergency"}],"explanations":["why"],"limits":{"answers_max_bytes":1345,"answers_max_depth":4},"questions":[{"ask_when":[{"incomplete":true},{"incomplete":true}],"id":"q0","options":["o0","o1"],"red_flag":true,"type":"single"},{"ask_when":[{"incomplete":true},{"incomplete":true}],"exclusive":["o3"],"id":"q1","options":["o0","o1","o2","o3"],"red_flag":true,"type":"multiple"},{"ask_when":[{"incomplete":true},{"incomplete":true}],"id":"q2","integer":true,"max":41.0,"min":0.0,"red_flag":true,"type":"number","unit":"hours"},{"ask_when":[{"incomplete":true},{"incomplete":true}],"exclusive":["o1"],"id":"q3","options":["o0","o1"],"red_flag":true,"type":"regions"},{"id":"q4","options":["o0","o1"],"red_flag":true,"type":"multiple"},{"id":"q5","options":["o0","o1","o2","o3","o4"],"type":"regions"}],"rules":[{"advice":["rest"],"id":"r0","requires":"emergency","source":"fuzz","when":[{"question":"q0","unanswered":true}]},{"advice":["rest"],"id":"r1","requires":"contact_therapist","source":"fuzz","when":[]},{"advice":["rest"],"id":"reach_self_care","requires":"self_care","source":"fuzz","when":[]},{"advice":["rest"],"id":"reach_contact_therapist","requires":"contact_therapist","source":"fuzz","when":[]},{"advice":["rest"],"id":"reach_see_doctor","requires":"see_doctor","source":"fuzz","when":[]},{"advice":["rest"],"id":"reach_urgent","requires":"urgent","source":"fuzz","when":[]},{"advice":["rest"],"id":"reach_emergency","requires":"emergency","source":"fuzz","when":[]}],"timeline":{"peak_ends_hours":10.25,"peak_starts_hours":5.125,"question":"q2","seek_advice_hours":41.0,"usually_gone_hours":20.5},"version":"fuzz"})";
    const std::string strings_text = R"({"advice":{"rest":"Rest."},"dispositions":{"contact_therapist":{"headline":"About contact_therapist","label":"contact_therapist"},"emergency":{"headline":"About emergency","label":"emergency"},"see_doctor":{"headline":"About see_doctor","label":"see_doctor"},"self_care":{"headline":"About self_care","label":"self_care"},"urgent":{"headline":"About urgent","label":"urgent"}},"explanations":{"why":"Why."},"language":"en","language_name":"English","questions":{"q0":{"help":"","options":{"o0":"Option o0","o1":"Option o1"},"text":"Question q0?"},"q1":{"help":"","options":{"o0":"Option o0","o1":"Option o1","o2":"Option o2","o3":"Option o3"},"text":"Question q1?"},"q2":{"help":"","text":"Question q2?","unit":"hours"},"q3":{"help":"","options":{"o0":"Option o0","o1":"Option o1"},"text":"Question q3?"},"q4":{"help":"","options":{"o0":"Option o0","o1":"Option o1"},"text":"Question q4?"},"q5":{"help":"","options":{"o0":"Option o0","o1":"Option o1","o2":"Option o2","o3":"Option o3","o4":"Option o4"},"text":"Question q5?"}},"rules":{"r0":"Because of r0","r1":"Because of r1","reach_contact_therapist":"Because of reach_contact_therapist","reach_emergency":"Because of reach_emergency","reach_see_doctor":"Because of reach_see_doctor","reach_self_care":"Because of reach_self_care","reach_urgent":"Because of reach_urgent"},"timeline":{"building":"Phase building","easing":"Phase easing","peak":"Phase peak","should_be_gone":"Phase should_be_gone","unknown":"Phase unknown"},"ui":{"title":"Fuzz"}})";
    auto loaded = soreness::load_knowledge_base(kb_text, strings_text);
    REQUIRE(loaded.errors.size() == 8);
    for (std::size_t i = 0; i < loaded.errors.size(); ++i) {
        CHECK(loaded.errors[i].code == "kb.ask_when_incomplete");
        CHECK(loaded.errors[i].where == "/questions/" + std::to_string(i / 2) + "/ask_when/" + std::to_string(i % 2));
    }
    CHECK(loaded.errors[0].text() ==
          "/questions/0/ask_when/0: 'incomplete' cannot decide whether a question is asked: which questions are missing depends on ask_when itself");
}
