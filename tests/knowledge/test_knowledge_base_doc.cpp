// docs/knowledge-base.md, the format written for the clinician who edits the knowledge base, is
// checked against the loader: every example in it is loaded. The document holds a smallest complete
// knowledge base and strings file (marked `<!-- example: base knowledge -->` and `<!-- example: base
// strings -->`); every other example is a change to them, a JSON object with "knowledge-base" and/or
// "strings", marked `<!-- example: accepted -->` (it must load) or `<!-- example: rejected CODE -->`
// (it must fail, and the line after it, "Loader: `[CODE] where: message`", must be one of the errors).

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "soreness/knowledge_base.hpp"
#include "test_support.hpp"

using nlohmann::json;
using soreness::testing::read_text;

namespace {

struct example {
    std::string kind;  ///< "base knowledge", "base strings", "accepted" or "rejected"
    std::string code;  ///< for a rejected example, the error code it must give
    std::string expected_error;  ///< for a rejected example, "[code] where: message" from the Loader: line
    json body;
    std::size_t line = 0;  ///< where the marker is, for messages
};

std::string doc_path() { return std::string(SORENESS_DOCS_DIR) + "/knowledge-base.md"; }

std::vector<example> examples_in(const std::string& markdown) {
    std::vector<example> found;
    std::istringstream in(markdown);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    const std::string marker = "<!-- example: ";
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].rfind(marker, 0) != 0) continue;
        example e;
        e.line = i + 1;
        const auto end = lines[i].find(" -->");
        REQUIRE_MESSAGE(end != std::string::npos, "line " << e.line << ": a marker ends with ' -->'");
        std::string what = lines[i].substr(marker.size(), end - marker.size());
        if (what.rfind("rejected ", 0) == 0) {
            e.kind = "rejected";
            e.code = what.substr(9);
        } else {
            e.kind = what;
        }
        REQUIRE_MESSAGE((e.kind == "base knowledge" || e.kind == "base strings" || e.kind == "accepted" || e.kind == "rejected"),
                        "line " << e.line << ": unknown example kind '" << what << "'");
        REQUIRE_MESSAGE((i + 1 < lines.size() && lines[i + 1] == "```json"), "line " << e.line << ": the marker must be followed by a ```json block");
        std::string text;
        std::size_t j = i + 2;
        for (; j < lines.size() && lines[j] != "```"; ++j) text += lines[j] + "\n";
        REQUIRE_MESSAGE(j < lines.size(), "line " << e.line << ": the ```json block is not closed");
        e.body = json::parse(text, nullptr, false);
        REQUIRE_MESSAGE(!e.body.is_discarded(), "line " << e.line << ": the example is not valid JSON");
        if (e.kind == "rejected") {
            std::size_t k = j + 1;
            while (k < lines.size() && lines[k].empty()) ++k;
            const std::string prefix = "Loader: `";
            REQUIRE_MESSAGE((k < lines.size() && lines[k].rfind(prefix, 0) == 0 && lines[k].back() == '`'),
                            "line " << e.line << ": a rejected example is followed by a line Loader: `[code] where: message`");
            e.expected_error = lines[k].substr(prefix.size(), lines[k].size() - prefix.size() - 1);
        }
        found.push_back(std::move(e));
        i = j;
    }
    return found;
}

/// The id of an entry of questions, rules, advice or dispositions: the advice id itself, or its "id".
std::string id_of(const json& item) {
    if (item.is_string()) return item.get<std::string>();
    if (item.is_object() && item.contains("id") && item["id"].is_string()) return item["id"].get<std::string>();
    return {};
}

/// Applies an example's change the way docs/knowledge-base.md says: objects merge (null removes a
/// field); in the knowledge base's lists of questions, rules, advice and dispositions (`by_id`) an entry
/// with an id that is there is merged into it and one with a new id is added at the end; any other
/// value replaces what was there.
void apply(json& target, const json& change, bool by_id = false) {
    if (change.is_object() && target.is_object()) {
        for (const auto& [key, value] : change.items()) {
            if (value.is_null()) target.erase(key);
            else if (target.contains(key)) apply(target[key], value);
            else target[key] = value;
        }
        return;
    }
    if (by_id && change.is_array() && target.is_array()) {
        for (const auto& item : change) {
            auto existing = std::find_if(target.begin(), target.end(), [&](const json& each) { return id_of(each) == id_of(item); });
            if (existing == target.end()) target.push_back(item);
            else if (existing->is_object() && item.is_object()) apply(*existing, item);
            else *existing = item;
        }
        return;
    }
    target = change;
}

/// The knowledge base with an example's change: its lists of things with ids merge by id.
void apply_to_knowledge(json& knowledge, const json& change) {
    for (const auto& [key, value] : change.items()) {
        const bool by_id = key == "questions" || key == "rules" || key == "advice" || key == "dispositions";
        if (value.is_null()) knowledge.erase(key);
        else if (knowledge.contains(key)) apply(knowledge[key], value, by_id);
        else knowledge[key] = value;
    }
}

std::string errors_text(const soreness::load_result& loaded) {
    std::string text;
    for (const auto& e : loaded.errors) text += "[" + e.code + "] " + e.text() + "\n";
    return text;
}

const std::vector<example>& doc_examples() {
    static const std::vector<example> all = examples_in(read_text(doc_path()));
    return all;
}

json base(const std::string& kind) {
    for (const auto& e : doc_examples())
        if (e.kind == kind) return e.body;
    FAIL("docs/knowledge-base.md has no '" << kind << "' example");
    return {};
}

}  // namespace

TEST_CASE("the smallest complete knowledge base of docs/knowledge-base.md loads") {
    auto loaded = soreness::load_knowledge_base(base("base knowledge").dump(), base("base strings").dump());
    CHECK_MESSAGE(loaded.errors.empty(), errors_text(loaded));
    REQUIRE(loaded.knowledge.has_value());
    CHECK(loaded.knowledge->rules.size() == base("base knowledge")["rules"].size());
}

TEST_CASE("every example of docs/knowledge-base.md loads or is rejected as it says") {
    const json knowledge = base("base knowledge");
    const json strings = base("base strings");
    std::size_t accepted = 0, rejected = 0;
    for (const auto& e : doc_examples()) {
        if (e.kind != "accepted" && e.kind != "rejected") continue;
        CAPTURE(e.line);
        // Plain names, not a structured binding: clang 14 cannot capture those in doctest's CHECK.
        for (const auto& part : e.body.items()) {
            const std::string key = part.key();
            CHECK_MESSAGE((key == "knowledge-base" || key == "strings"), "line " << e.line << ": unknown part '" << key << "'");
        }
        json kb = knowledge, texts = strings;
        if (e.body.contains("knowledge-base")) apply_to_knowledge(kb, e.body["knowledge-base"]);
        if (e.body.contains("strings")) apply(texts, e.body["strings"]);
        auto loaded = soreness::load_knowledge_base(kb.dump(), texts.dump());
        if (e.kind == "accepted") {
            ++accepted;
            CHECK_MESSAGE(loaded.errors.empty(), "line " << e.line << ": an accepted example is rejected:\n" << errors_text(loaded));
            continue;
        }
        ++rejected;
        CHECK_MESSAGE(e.expected_error.rfind("[" + e.code + "] ", 0) == 0, "line " << e.line << ": the Loader: line has another code than the marker");
        CHECK_MESSAGE(!loaded.knowledge.has_value(), "line " << e.line << ": a rejected example loads");
        const std::string all = errors_text(loaded);
        CHECK_MESSAGE(all.find(e.expected_error + "\n") != std::string::npos,
                      "line " << e.line << ": expected " << e.expected_error << "\nthe loader says:\n" << all);
    }
    CHECK(accepted >= 10);
    CHECK(rejected >= 30);
}

TEST_CASE("docs/knowledge-base.md shows every error the loader gives with a rejected example") {
    std::set<std::string> shown;
    for (const auto& e : doc_examples())
        if (e.kind == "rejected") shown.insert(e.code);
    // Every code of core/src/knowledge_base.cpp. kb.wrong_disposition (a disposition out of order) cannot be
    // written as a change to the base and is described in words; kb.too_many needs hundreds of items.
    for (const char* code : {"kb.ambiguous_condition", "kb.ask_when_cycle", "kb.ask_when_incomplete", "kb.ask_when_self", "kb.bad_country",
                             "kb.bad_number", "kb.bad_range", "kb.duplicate_id", "kb.empty_text", "kb.missing_call", "kb.missing_field",
                             "kb.missing_number", "kb.missing_text", "kb.out_of_range", "kb.too_deep", "kb.too_few",
                             "kb.unknown_advice", "kb.unknown_call", "kb.unknown_disposition", "kb.unknown_field", "kb.unknown_id",
                             "kb.unknown_option", "kb.unknown_question", "kb.unknown_type", "kb.unreachable", "kb.unused_advice",
                             "kb.wrong_test", "kb.wrong_type"})
        CHECK_MESSAGE(shown.count(code) == 1, "no rejected example for " << code);
}
