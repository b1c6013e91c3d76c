#pragma once
// Shared by the libFuzzer targets: the shipped knowledge base, read once, and a hard stop for a
// broken invariant (libFuzzer keeps the input that aborted as a crash file).

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "soreness/checker.hpp"
#include "soreness/knowledge_base.hpp"

namespace soreness::fuzz {

inline std::string read_shipped(const char* relative) {
    std::ifstream file(std::string(SORENESS_KNOWLEDGE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    if (!file || text.str().empty()) {
        std::fprintf(stderr, "cannot read %s/%s\n", SORENESS_KNOWLEDGE_DIR, relative);
        std::abort();
    }
    return text.str();
}

inline const std::string& shipped_knowledge_json() {
    static const std::string text = read_shipped("knowledge-base.json");
    return text;
}

inline const std::string& shipped_strings_json() {
    static const std::string text = read_shipped("strings/en.json");
    return text;
}

inline const checker& shipped_checker() {
    static const checker instance = [] {
        auto loaded = load_knowledge_base(shipped_knowledge_json(), shipped_strings_json());
        if (!loaded.knowledge) {
            std::fprintf(stderr, "the shipped knowledge base does not load: %s\n", loaded.errors.front().text().c_str());
            std::abort();
        }
        return checker(std::move(*loaded.knowledge));
    }();
    return instance;
}

/// Stops the run when an invariant breaks; the message says which.
inline void expect(bool holds, const char* what) {
    if (holds) return;
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
}

}  // namespace soreness::fuzz
