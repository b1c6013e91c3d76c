// Structure-aware fuzzing of knowledge bases (issue 14). Instead of mutating JSON text, the bytes
// drive a small generator that writes a knowledge base in the schema -- questions of every type
// with options and ask_when, rules with every kind of condition, nested, naming existing, later,
// wrong or their own questions -- and strings that match it, so most inputs get past the parser and
// into the loader's checks. Every knowledge base that loads is then assessed on answer sets taken
// from the same bytes, and the results are checked against each other.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "json_text.hpp"
#include "soreness/answers.hpp"
#include "soreness/assessment.hpp"

namespace {

using soreness::fuzz::expect;
using json = soreness::detail::json;

/// Reads the fuzzer's bytes as small choices; past the end every choice is 0.
class byte_source {
public:
    byte_source(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

    unsigned byte() { return at_ < size_ ? data_[at_++] : 0U; }
    /// A number in [0, n).
    unsigned below(unsigned n) { return n == 0 ? 0 : byte() % n; }
    bool chance(unsigned in_256) { return byte() < in_256; }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t at_ = 0;
};

constexpr const char* types[] = {"single", "multiple", "number", "regions"};
constexpr const char* dispositions[] = {"self_care", "contact_therapist", "see_doctor", "urgent", "emergency"};
constexpr const char* phases[] = {"building", "peak", "easing", "should_be_gone", "unknown"};

struct question_shape {
    std::string id;
    std::string type;
    std::vector<std::string> options;
    double min = 0, max = 0;
};

class generator {
public:
    explicit generator(byte_source& in) : in_(in) {}

    json knowledge;
    json strings;

    void build() {
        const unsigned question_count = 1 + in_.below(8);
        for (unsigned i = 0; i < question_count; ++i) shapes_.push_back(make_shape(i));
        // The timeline needs a number question; add one when the bytes made none.
        if (std::none_of(shapes_.begin(), shapes_.end(), [](const question_shape& s) { return s.type == "number"; }))
            shapes_.push_back({"hours", "number", {}, 0, 72});

        json questions = json::array();
        for (std::size_t i = 0; i < shapes_.size(); ++i) questions.push_back(question_json(i));

        json rules = json::array();
        const unsigned rule_count = in_.below(6);
        for (unsigned i = 0; i < rule_count; ++i) rules.push_back(rule_json("r" + std::to_string(i), dispositions[in_.below(5)]));
        // One rule per disposition, so that no disposition is unreachable only for lack of a rule.
        for (const char* d : dispositions) rules.push_back(rule_json(std::string("reach_") + d, d));

        json dispositions_json = json::array();
        for (const char* d : dispositions)
            dispositions_json.push_back({{"id", d}, {"advice", json::array({"rest"})}, {"everyday_advice", in_.chance(160)}});

        const auto timeline_question =
            std::find_if(shapes_.begin(), shapes_.end(), [](const question_shape& s) { return s.type == "number"; });
        const double top = timeline_question->max;
        knowledge = {
            {"version", "fuzz"},
            {"dispositions", dispositions_json},
            {"questions", questions},
            {"rules", rules},
            {"advice", json::array({"rest"})},
            {"timeline",
             {{"question", timeline_question->id},
              {"peak_starts_hours", top / 8},
              {"peak_ends_hours", top / 4},
              {"usually_gone_hours", top / 2},
              {"seek_advice_hours", top}}},
        };
        if (in_.chance(64)) knowledge["explanations"] = json::array({"why"});
        if (in_.chance(32)) knowledge["limits"] = {{"answers_max_bytes", 1 + in_.byte() * 64}, {"answers_max_depth", 1 + in_.below(6)}};
        build_strings(rules);
    }

private:
    byte_source& in_;
    std::vector<question_shape> shapes_;

    question_shape make_shape(unsigned index) {
        question_shape s;
        // Now and then an id used before, to reach the duplicate checks.
        s.id = in_.chance(8) && index > 0 ? "q" + std::to_string(in_.below(index)) : "q" + std::to_string(index);
        s.type = types[in_.below(4)];
        if (s.type == "number") {
            s.min = in_.chance(32) ? -static_cast<double>(in_.below(10)) : 0;
            s.max = s.min + 1 + in_.below(100);
        } else {
            const unsigned option_count = (in_.chance(8) ? 1 : 2) + in_.below(4);
            for (unsigned o = 0; o < option_count; ++o) s.options.push_back("o" + std::to_string(o));
        }
        return s;
    }

    json question_json(std::size_t index) {
        const question_shape& s = shapes_[index];
        json q = {{"id", s.id}, {"type", s.type}};
        if (in_.chance(48)) q["red_flag"] = true;
        if (s.type == "number") {
            q["min"] = s.min;
            q["max"] = s.max;
            q["unit"] = "hours";
            if (in_.chance(128)) q["integer"] = true;
        } else {
            q["options"] = s.options;
            if (s.type != "single" && in_.chance(64)) q["exclusive"] = json::array({s.options.back()});
        }
        // Mostly earlier questions, as the format allows; sometimes itself, a later one or "incomplete".
        if (in_.chance(96)) {
            json when = json::array();
            const unsigned count = 1 + in_.below(2);
            for (unsigned i = 0; i < count; ++i) when.push_back(condition_json(1, static_cast<int>(index)));
            q["ask_when"] = when;
        }
        return q;
    }

    json rule_json(const std::string& id, const char* requires_level) {
        json when = json::array();
        const unsigned count = in_.below(3);
        for (unsigned i = 0; i < count; ++i) when.push_back(condition_json(1, -1));
        json advice = in_.chance(64) ? json::array({"rest"}) : json::array();
        return {{"id", id}, {"requires", requires_level}, {"when", when}, {"advice", advice}, {"source", "fuzz"}};
    }

    /// A condition at nesting `depth`; `asking` is the question whose ask_when it is (-1 in a rule).
    json condition_json(unsigned depth, int asking) {
        const unsigned kind = in_.below(16);
        // "any" more often near the top; deep enough now and then to pass max_condition_depth (8).
        if (kind < 3 && depth < 11) {
            json list = json::array();
            const unsigned count = (in_.chance(16) ? 1 : 2) + in_.below(2);
            for (unsigned i = 0; i < count; ++i) list.push_back(condition_json(depth + 1, asking));
            return {{"any", list}};
        }
        if (kind == 3) return {{"incomplete", true}};
        // Which question: in an ask_when mostly an earlier one.
        const int count = static_cast<int>(shapes_.size());
        int target = static_cast<int>(in_.below(static_cast<unsigned>(count) + 1));
        if (asking > 0 && in_.chance(200)) target = static_cast<int>(in_.below(static_cast<unsigned>(asking)));
        if (target == count) return {{"question", "nowhere"}, {"unanswered", true}};
        const question_shape& s = shapes_[static_cast<std::size_t>(target)];
        // Mostly a test that fits the question's type, so that the knowledge base loads.
        std::string test;
        if (kind == 4 || in_.chance(12)) {
            static constexpr const char* all[] = {"has_any", "has_all", "is_any", "at_least", "below", "unanswered"};
            test = all[in_.below(6)];
        } else if (kind < 7) {
            test = "unanswered";
        } else if (s.type == "number") {
            test = in_.chance(128) ? "at_least" : "below";
        } else if (s.type == "single") {
            test = "is_any";
        } else {
            test = in_.chance(128) ? "has_any" : "has_all";
        }
        json c = {{"question", s.id}};
        if (test == "unanswered") {
            c[test] = true;
        } else if (test == "at_least" || test == "below") {
            c[test] = s.type == "number" ? s.min + in_.below(static_cast<unsigned>(s.max - s.min) + 1) : 1;
        } else {
            json options = json::array();
            const unsigned available = static_cast<unsigned>(std::max<std::size_t>(s.options.size(), 1));
            for (unsigned o = 0; o < available; ++o)
                if (in_.chance(100)) options.push_back(o < s.options.size() ? s.options[o] : "o9");
            if (options.empty() && !in_.chance(8)) options.push_back(s.options.empty() ? "o0" : s.options.front());
            c[test] = options;
        }
        return c;
    }

    void build_strings(const json& rules) {
        json dispositions_json = json::object();
        for (const char* d : dispositions) dispositions_json[d] = {{"label", d}, {"headline", std::string("About ") + d}};
        json questions = json::object();
        for (const auto& s : shapes_) {
            json q = {{"text", "Question " + s.id + "?"}, {"help", ""}};
            if (s.type == "number") {
                q["unit"] = "hours";
            } else {
                json options = json::object();
                for (const auto& o : s.options) options[o] = "Option " + o;
                q["options"] = options;
            }
            questions[s.id] = q;
        }
        json reasons = json::object();
        for (const auto& r : rules) reasons[r["id"].get<std::string>()] = "Because of " + r["id"].get<std::string>();
        json timeline = json::object();
        for (const char* p : phases) timeline[p] = std::string("Phase ") + p;
        strings = {
            {"language", "en"},
            {"language_name", "English"},
            {"dispositions", dispositions_json},
            {"questions", questions},
            {"rules", reasons},
            {"advice", {{"rest", "Rest."}}},
            {"timeline", timeline},
            {"ui", {{"title", "Fuzz"}}},
        };
        if (knowledge.contains("explanations")) strings["explanations"] = {{"why", "Why."}};
        // Now and then a translation missing or left over, for the strings checks.
        if (in_.chance(8)) strings["questions"].erase(shapes_.front().id);
        if (in_.chance(8)) strings["rules"]["no_such_rule"] = "Left over.";
    }
};

/// Answers taken from the bytes: each question unanswered or given a valid value.
json answers_from(byte_source& in, const soreness::knowledge_base& kb) {
    json answers = json::object();
    for (const auto& q : kb.questions) {
        if (in.chance(96)) continue;
        if (q.type == soreness::question_type::number) {
            const double span = q.max - q.min;
            double value = q.min + span * in.byte() / 255.0;
            if (q.integer) value = std::ceil(q.min) + std::floor((std::floor(q.max) - std::ceil(q.min)) * in.byte() / 255.0);
            answers[q.id] = value;
        } else if (q.type == soreness::question_type::single) {
            answers[q.id] = q.options[in.below(static_cast<unsigned>(q.options.size()))];
        } else {
            json chosen = json::array();
            for (const auto& o : q.options)
                if (in.chance(96)) chosen.push_back(o);
            if (chosen.empty()) chosen.push_back(q.options.front());
            answers[q.id] = chosen;
        }
    }
    return answers;
}

json parsed(const std::string& envelope, const char* what) {
    std::string problem;
    auto value = soreness::detail::parse(envelope, problem);
    expect(value.has_value() && value->is_object(), what);
    return *value;
}

void check_answers(const soreness::checker& checker, const json& answers_json) {
    const auto& kb = checker.knowledge();
    const std::string text = soreness::detail::dump(answers_json);
    if (text.size() > kb.limits.answers_max_bytes || soreness::detail::nesting_depth(text, kb.limits.answers_max_depth) > kb.limits.answers_max_depth)
        return;  // the fuzzer's own small limits; not what is tested here
    auto answers = soreness::parse_answers(kb, text);
    expect(answers.ok(), "answers made of valid values parse");
    const auto& set = answers.value();

    auto first = soreness::assess(kb, set);
    auto again = soreness::assess(kb, set);
    expect(first.result == again.result && first.fired == again.fired && first.missing == again.missing &&
               first.timeline.where == again.timeline.where,
           "assess is deterministic");
    auto highest = soreness::disposition::self_care;
    for (std::size_t i = 0; i < kb.rules.size(); ++i)
        if (first.rule_fired(i)) highest = std::max(highest, kb.rules[i].requires_at_least);
    expect(highest == first.result, "the disposition is the most urgent fired rule's");

    auto ask = soreness::questions_to_ask(kb, set);
    std::uint64_t ask_bits = 0;
    for (int q : ask) ask_bits |= std::uint64_t{1} << q;
    expect(ask_bits == first.missing, "the questions still to ask are exactly the missing ones");

    json report = parsed(checker.assess_json(text), "assess_json returns a JSON object");
    expect(report["ok"] == true, "assess_json is ok for answers that parse");
    expect(report == parsed(checker.assess_json(text), "assess_json returns a JSON object"), "assess_json is deterministic");
    const json& result = report["result"];
    expect(result["disposition"]["id"] == soreness::disposition_id(first.result), "assess_json reports assess's disposition");
    expect(result["complete"] == (first.missing == 0), "complete exactly when nothing is missing");
    std::size_t fired = 0;
    for (std::size_t i = 0; i < kb.rules.size(); ++i) fired += first.rule_fired(i) ? 1 : 0;
    expect(result["trace"].size() == fired, "the trace lists every fired rule");
    for (const auto& reason : result["reasons"]) {
        const auto& r = kb.rules[static_cast<std::size_t>(std::find_if(kb.rules.begin(), kb.rules.end(), [&](const soreness::rule& each) {
                                                            return each.id == reason["rule"];
                                                        }) - kb.rules.begin())];
        expect(r.when.empty() || !reason["answers"].empty(), "a reason with conditions shows the answers that made it true");
    }

    json next = parsed(checker.next_questions_json(text), "next_questions_json returns a JSON object");
    expect(next["ok"] == true, "next_questions_json is ok for answers that parse");
    expect(next["result"]["ask"].size() == ask.size(), "next_questions_json asks what questions_to_ask says");
    for (std::size_t i = 0; i < ask.size(); ++i)
        expect(next["result"]["ask"][i] == kb.questions[static_cast<std::size_t>(ask[i])].id, "next_questions_json asks in order");
}

/// Answers given the way the page asks: always the first question still to ask, until none is left.
void check_flow(const soreness::checker& checker, const json& values) {
    const auto& kb = checker.knowledge();
    json answers = json::object();
    for (std::size_t step = 0; step <= kb.questions.size(); ++step) {
        auto set = soreness::parse_answers(kb, soreness::detail::dump(answers));
        if (!set.ok()) return;  // the fuzzer's own small limits
        auto ask = soreness::questions_to_ask(kb, set.value());
        if (ask.empty()) {
            expect(soreness::assess(kb, set.value()).missing == 0, "a finished flow is complete");
            return;
        }
        const auto& id = kb.questions[static_cast<std::size_t>(ask.front())].id;
        if (!values.contains(id)) {
            const auto& q = kb.questions[static_cast<std::size_t>(ask.front())];
            answers[id] = q.type == soreness::question_type::number ? json(q.max)
                          : q.type == soreness::question_type::single ? json(q.options.front())
                                                                       : json::array({q.options.front()});
        } else {
            answers[id] = values[id];
        }
    }
    expect(false, "the flow ends after at most one step per question");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    byte_source in(data, size);
    generator make(in);
    make.build();
    // To see what an input (e.g. a crash file) builds: SORENESS_FUZZ_PRINT=1 fuzz_build_knowledge_base FILE
    static const bool print = std::getenv("SORENESS_FUZZ_PRINT") != nullptr;
    if (print) std::fprintf(stderr, "knowledge base: %s\nstrings: %s\n", make.knowledge.dump().c_str(), make.strings.dump().c_str());
    auto loaded = soreness::load_knowledge_base(soreness::detail::dump(make.knowledge), soreness::detail::dump(make.strings));
    expect(loaded.knowledge.has_value() == loaded.errors.empty(), "a load gives a knowledge base or errors, not both");
    for (const auto& e : loaded.errors) {
        expect(!e.code.empty() && !e.message.empty(), "every load error has a code and a message");
        expect(!e.where.empty() && e.where.front() == '/', "every load error names a JSON pointer");
    }
    if (!loaded.knowledge) return 0;

    const soreness::checker checker(std::move(*loaded.knowledge));
    expect(checker.questions_json().rfind("{\"ok\":true", 0) == 0, "questions_json of a loaded knowledge base is ok");
    expect(checker.about_json().rfind("{\"ok\":true", 0) == 0, "about_json of a loaded knowledge base is ok");
    check_answers(checker, json::object());
    for (int i = 0; i < 3; ++i) {
        json answers = answers_from(in, checker.knowledge());
        check_answers(checker, answers);
        if (i == 0) check_flow(checker, answers);
    }
    return 0;
}
