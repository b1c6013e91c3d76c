// soreness-verify: checks the triage rules on the whole answer space (issue 7). See docs/safety/verifier.md.

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "soreness/knowledge_base.hpp"
#include "verifier.hpp"

namespace {

constexpr const char* usage =
    "usage: soreness-verify [--knowledge DIR] [--policy FILE] [--threads N] [--no-collapse] [--no-separators] [--policy-table]\n"
    "  --knowledge DIR  folder with knowledge-base.json and strings/en.json (default: the shipped one)\n"
    "  --policy FILE    the triage policy to check against (default: tests/verifier/triage-policy.json)\n"
    "  --policy-table   print the policy as Markdown (docs/triage-policy.md) and stop\n"
    "  --threads N      worker threads (default: every core)\n"
    "  --no-collapse    skip reduction (c) of free option classes: a larger space, as a cross-check\n"
    "  --no-separators  skip reduction (d), conditioning on separator questions: enumerate every component whole\n";

bool read(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream text;
    text << in.rdbuf();
    out = text.str();
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::string dir = SORENESS_KNOWLEDGE_DIR;
    std::string policy_file;
    bool policy_table = false;
    soreness::verifier::options opt;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--knowledge" && i + 1 < argc) dir = argv[++i];
        else if (arg == "--threads" && i + 1 < argc) opt.threads = static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10));
        else if (arg == "--policy" && i + 1 < argc) policy_file = argv[++i];
        else if (arg == "--policy-table") policy_table = true;
        else if (arg == "--no-collapse") opt.collapse = false;
        else if (arg == "--no-separators") opt.separate = false;
        else {
            std::cerr << usage;
            return arg == "-h" || arg == "--help" ? 0 : 2;
        }
    }
    soreness::verifier::policy rules_policy;
    if (policy_file.empty()) {
        rules_policy = soreness::verifier::triage_policy();
    } else {
        std::string text;
        if (!read(policy_file, text)) {
            std::cerr << "soreness-verify: cannot read the policy " << policy_file << '\n';
            return 2;
        }
        auto loaded = soreness::verifier::load_policy(text);
        if (!loaded.loaded) {
            std::cerr << "soreness-verify: cannot use the policy " << policy_file << '\n';
            for (const auto& e : loaded.errors) std::cerr << "  [" << e.code << "] " << e.text() << '\n';
            return 2;
        }
        rules_policy = *std::move(loaded.loaded);
    }
    if (policy_table) {
        std::cout << soreness::verifier::policy_markdown(rules_policy);
        return 0;
    }
    std::string kb_text, strings_text;
    if (!read(dir + "/knowledge-base.json", kb_text) || !read(dir + "/strings/en.json", strings_text)) {
        std::cerr << "soreness-verify: cannot read the knowledge base in " << dir << '\n';
        return 2;
    }
    auto loaded = soreness::load_knowledge_base(kb_text, strings_text);
    if (!loaded.knowledge) {
        for (const auto& e : loaded.errors) std::cerr << "soreness-verify: [" << e.code << "] " << e.text() << '\n';
        return 2;
    }
    auto result = soreness::verifier::verify(*loaded.knowledge, rules_policy, opt);
    std::cout << soreness::verifier::format(result);
    return result.violations.empty() ? 0 : 1;
}
