// The JSON text the checker writes (issue 17: written directly, no nlohmann::json tree dumped): exactly what
// nlohmann's dump() gave before, so the page, the widget and the goldens see the same bytes. Two checks: every reply
// re-dumps to itself (which pins each object's key order and every number's form to nlohmann's), and strings are
// escaped as dump() with error_handler_t::replace escapes them, invalid UTF-8 included.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "triage_helpers.hpp"

using nlohmann::json;
using namespace soreness::testing;

namespace {

/// What nlohmann's dump() gives for the same value: the form the replies had before they were written directly.
std::string nlohmann_text(const std::string& reply) {
    json parsed = json::parse(reply, nullptr, false);
    REQUIRE_MESSAGE(!parsed.is_discarded(), "not JSON: " << reply);
    return parsed.dump(-1, ' ', false, json::error_handler_t::replace);
}

void check_redumps(const std::string& reply) { CHECK_MESSAGE(nlohmann_text(reply) == reply, reply); }

/// The error envelope escapes its three strings; `message` shows how one was written.
std::string written(const std::string& text) {
    const std::string reply = soreness::error_json({"c", "w", text});
    const std::string head = R"({"error":{"code":"c","message":)", tail = R"(,"where":"w"},"ok":false})";
    REQUIRE(reply.compare(0, head.size(), head) == 0);
    REQUIRE(reply.size() >= head.size() + tail.size());
    REQUIRE(reply.compare(reply.size() - tail.size(), tail.size(), tail) == 0);
    return reply.substr(head.size(), reply.size() - head.size() - tail.size());
}

}  // namespace

TEST_CASE("issue 17: every reply of the JSON API is the text nlohmann's dump() gives for it") {
    const auto& c = shipped_checker();
    check_redumps(c.about_json());
    check_redumps(c.questions_json());
    std::vector<json> answer_sets = {usual_soreness(), not_sore_at_all(), json::object()};
    for (const auto& v : test_data("vignettes.json")["cases"]) answer_sets.push_back(v["answers"]);
    for (const auto& r : test_data("rule-cases.json")["cases"]) answer_sets.push_back(usual_with(r["changes"]));
    // Fractions and whole numbers as doubles ("12.5", "30.0"), where nlohmann's shortest form matters.
    answer_sets.push_back(usual_with({{"hours_since_massage", 12.5}}));
    answer_sets.push_back(usual_with({{"hours_since_massage", 0.1}, {"pain_now", 9}, {"trend", "worse"}}));
    for (const auto& answers : answer_sets) {
        CAPTURE(answers.dump());
        const std::string text = answers.dump();
        check_redumps(c.assess_json(text));
        check_redumps(c.step_json(text, true));
        check_redumps(c.step_json(text, false));
        check_redumps(c.next_questions_json(text));
    }
    for (const auto& e : test_data("answer-errors.json")["cases"]) {
        const std::string text = e.contains("answers_text") ? e["answers_text"].get<std::string>() : e["answers"].dump();
        CAPTURE(text);
        check_redumps(c.assess_json(text));
        check_redumps(c.step_json(text, true));
    }
}

TEST_CASE("issue 17: numbers keep nlohmann's form: doubles with a point or an exponent, ranks as integers") {
    const json result = json::parse(shipped_checker().assess_json(usual_with({{"hours_since_massage", 12.5}}).dump()))["result"];
    const std::string text = shipped_checker().assess_json(usual_with({{"hours_since_massage", 12.5}}).dump());
    CHECK(text.find(R"("hours_since_massage":12.5,)") != std::string::npos);
    CHECK(text.find(R"("peak_starts_hours":)" + result["timeline"]["peak_starts_hours"].dump() + ",") != std::string::npos);
    CHECK(result["timeline"]["peak_starts_hours"].dump().find('.') != std::string::npos);
    CHECK(text.find(R"("rank":0})") != std::string::npos);
    const std::string questions = shipped_checker().questions_json();
    CHECK(questions.find(R"("max":10.0,)") != std::string::npos);
}

TEST_CASE("issue 17: strings are escaped as RFC 8259 asks and as dump() did; invalid UTF-8 becomes U+FFFD") {
    CHECK(written("") == R"("")");
    CHECK(written(R"(say "hi" \ back/slash)") == R"("say \"hi\" \\ back/slash")");
    CHECK(written("\b\t\n\f\r") == R"("\b\t\n\f\r")");
    CHECK(written(std::string("a\0b\x01\x1f\x7f", 6)) == "\"a\\u0000b\\u0001\\u001f\x7f\"");
    CHECK(written("Schmerz l\xc3\xa4sst nach \xe2\x80\x94 \xf0\x9f\x98\x80") == "\"Schmerz l\xc3\xa4sst nach \xe2\x80\x94 \xf0\x9f\x98\x80\"");
    const std::string fffd = "\xef\xbf\xbd";
    CHECK(written("\xff") == "\"" + fffd + "\"");                           // never a first byte
    CHECK(written("a\xc3") == "\"a" + fffd + "\"");                         // cut short at the end
    CHECK(written("\xc3(") == "\"" + fffd + "(\"");                         // the byte that broke it is read again
    CHECK(written("\xe0\x80\x80") == "\"" + fffd + fffd + fffd + "\"");     // overlong
    CHECK(written("\xed\xa0\x80") == "\"" + fffd + fffd + fffd + "\"");     // a surrogate
    CHECK(written("\xf4\x90\x80\x80") == "\"" + fffd + fffd + fffd + fffd + "\"");  // past U+10FFFF
    CHECK(written("\xe2\x80\"") == "\"" + fffd + "\\\"\"");
    // Whatever the bytes, the text is what nlohmann's dump() makes of them.
    std::string every_byte;
    for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
    for (const std::string& text : {every_byte, every_byte + "\xc3", std::string("\xf0\x9f\x98\xc3\xa4\xe2\x82")})
        CHECK(written(text) == json(text).dump(-1, ' ', false, json::error_handler_t::replace));
}
