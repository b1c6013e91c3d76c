#pragma once
// Shared by the C++ tests: read the shipped knowledge base and test data from disk.

#include <fstream>
#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "soreness/knowledge_base.hpp"

namespace soreness::testing {

inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read " << path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline std::string knowledge_path(const std::string& relative) { return std::string(SORENESS_KNOWLEDGE_DIR) + "/" + relative; }
inline std::string test_data_path(const std::string& relative) { return std::string(SORENESS_TEST_DATA_DIR) + "/" + relative; }

inline std::string shipped_knowledge_text() { return read_text(knowledge_path("knowledge-base.json")); }
inline std::string shipped_strings_text(const std::string& language = "en") {
    return read_text(knowledge_path("strings/" + language + ".json"));
}

/// The shipped knowledge base in one language; fails the test with every load error otherwise.
inline knowledge_base shipped_knowledge(const std::string& language = "en") {
    auto loaded = load_knowledge_base(shipped_knowledge_text(), shipped_strings_text(language));
    for (auto& e : loaded.errors) FAIL_CHECK("[" << e.code << "] " << e.text());
    REQUIRE(loaded.knowledge.has_value());
    return std::move(*loaded.knowledge);
}

}  // namespace soreness::testing
