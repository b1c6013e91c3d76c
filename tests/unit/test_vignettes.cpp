// The vignette suite: written cases (tests/data/vignettes.json), each a short story, the answers
// that person would give and the range of dispositions a clinician would accept. Every case must land
// inside its range.
//
// Golden file: tests/data/vignettes-expected.json records each case's disposition and the rules that fired,
// compared exactly, so any change to the knowledge base or the engine shows up as a reviewable diff.
// After an intended change, re-record it natively and review the diff before committing:
//
//     SORENESS_RECORD=1 build/<dir>/tests/unit/test_vignettes
//
// (Recording is meant for the native build; the WebAssembly build under Node only compares.)

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "triage_helpers.hpp"

using nlohmann::json;
using soreness::disposition;
using namespace soreness::testing;

namespace {

const json& vignettes() {
    static const json doc = json::parse(read_text(test_data_path("data/vignettes.json")));
    return doc["cases"];
}

const std::string expected_path = test_data_path("data/vignettes-expected.json");

/// The golden text: one line per case, in the order of vignettes.json, so diffs stay readable.
std::string golden_text(const std::map<std::string, json>& results) {
    std::string text =
        "{\n  \"about\": \"What the engine answers for each case of vignettes.json: disposition and the rules that fired, in "
        "rule order. Generated; re-record with SORENESS_RECORD=1 (see tests/unit/test_vignettes.cpp) and review the diff.\",\n"
        "  \"cases\": {\n";
    bool first = true;
    for (auto& c : vignettes()) {
        const std::string id = c["id"];
        text += std::string(first ? "" : ",\n") + "    " + json(id).dump() + ": " + results.at(id).dump();
        first = false;
    }
    return text + "\n  }\n}\n";
}

}  // namespace

TEST_CASE("the vignette file is well formed and broad") {
    REQUIRE(vignettes().is_array());
    CHECK(vignettes().size() >= 35);
    std::set<std::string> ids;
    std::map<std::string, int> floors;
    for (auto& c : vignettes()) {
        for (const char* key : {"id", "story", "answers", "acceptable", "note"}) CHECK_MESSAGE(c.contains(key), c.dump() << " lacks " << key);
        const std::set<std::string> fields = {"id", "story", "answers", "acceptable", "dropped", "note"};
        for (const auto& item : c.items()) CHECK_MESSAGE(fields.count(item.key()) == 1, c.value("id", std::string()) << ": unknown field " << item.key());
        const std::string id = c.value("id", "");
        CHECK_MESSAGE(ids.insert(id).second, "duplicate vignette id " << id);
        CHECK_MESSAGE(c.value("story", "").size() >= 40, id << ": write the story out");
        CHECK_MESSAGE(!c.value("note", "").empty(), id << ": say why the range is right");
        const disposition lo = disposition_named(c["acceptable"].value("at_least", ""));
        const disposition hi = disposition_named(c["acceptable"].value("at_most", ""));
        CHECK_MESSAGE(lo <= hi, id << ": at_least is above at_most");
        ++floors[c["acceptable"]["at_least"]];
    }
    // Every disposition is the expected floor of several cases.
    for (int d = 0; d < soreness::disposition_count; ++d) {
        const char* id = soreness::disposition_id(static_cast<disposition>(d));
        CHECK_MESSAGE(floors[id] >= 3, "only " << floors[id] << " cases expect at least " << id);
    }
}

TEST_CASE("every vignette lands in its acceptable range") {
    for (auto& c : vignettes()) {
        const std::string id = c["id"];
        CAPTURE(id);
        triage t = run(c["answers"]);
        const disposition lo = disposition_named(c["acceptable"]["at_least"]);
        const disposition hi = disposition_named(c["acceptable"]["at_most"]);
        CHECK_MESSAGE((lo <= t.result && t.result <= hi),
                      "vignette " << id << ": " << c["story"].get<std::string>() << "\n  acceptable " << disposition_id(lo) << " .. "
                                  << disposition_id(hi) << ", engine says " << disposition_id(t.result)
                                  << "\n  why: " << c["note"].get<std::string>() << "\n  fired: " << t.fired_text());
    }
}

// Issue 15: a case answering questions that do not apply says which; the rest must drop nothing.
TEST_CASE("every vignette drops exactly the answers its case says do not apply") {
    int with_dropping = 0;
    for (auto& c : vignettes()) {
        const std::string id = c["id"];
        CAPTURE(id);
        const json expected = c.value("dropped", json::array());
        with_dropping += expected.empty() ? 0 : 1;
        CHECK(run(c["answers"]).report["dropped"] == expected);
    }
    CHECK(with_dropping >= 5);
}

TEST_CASE("every vignette matches the golden record") {
    std::map<std::string, json> results;
    for (auto& c : vignettes()) {
        triage t = run(c["answers"]);
        results[c["id"]] = json{{"disposition", disposition_id(t.result)}, {"trace", t.fired}};
    }
    const std::string text = golden_text(results);

    const char* record = std::getenv("SORENESS_RECORD");
    if (record && std::string(record) == "1") {
        std::ofstream out(expected_path, std::ios::binary | std::ios::trunc);
        out << text;
        REQUIRE_MESSAGE(out.good(), "cannot write " << expected_path);
        MESSAGE("re-recorded " << expected_path);
        return;
    }

    const json expected = json::parse(read_text(expected_path))["cases"];
    for (auto& c : vignettes()) {
        const std::string id = c["id"];
        CHECK_MESSAGE(expected.contains(id), "vignette " << id << " is not in vignettes-expected.json; re-record with SORENESS_RECORD=1");
        if (!expected.contains(id)) continue;
        CHECK_MESSAGE(expected[id] == results[id], "vignette " << id << " changed:\n  expected " << expected[id].dump() << "\n  now      "
                                                              << results[id].dump() << "\n  " << c["story"].get<std::string>());
    }
    for (auto& item : expected.items()) CHECK_MESSAGE(results.count(item.key()) == 1, "vignettes-expected.json has a case no vignette has: " << item.key());
    // The file is exactly what recording writes (same order and layout), so re-recording gives no noise.
    CHECK(read_text(expected_path) == text);
}
