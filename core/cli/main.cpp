// soreness-check: the assessment core on the command line, for clinicians and scripts.

#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "soreness/checker.hpp"
#include "soreness/decision_table.hpp"
#include "soreness/knowledge_base.hpp"

namespace {

constexpr const char* usage =
    "usage: soreness-check [--knowledge DIR] [--lang LANG] COMMAND\n"
    "commands:\n"
    "  questions        print the questions, their types and allowed values as JSON\n"
    "  assess FILE|-    print the assessment of the answers in FILE (or stdin) as JSON\n"
    "  next FILE|-      print the questions still to ask for the answers in FILE (or stdin)\n"
    "  step FILE|-      print one move of the check (answers that count, dropped, ask, final) with the assessment\n"
    "  validate         load the knowledge base and report every problem\n"
    "  table [--csv]    print the triage rules as a Markdown table (docs/rules.md), or as CSV\n";

bool read_file(const std::string& path, std::string& out) {
    if (path == "-") {
        out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        return !std::cin.bad();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream text;
    text << in.rdbuf();
    out = text.str();
    return true;
}

/// Prints the envelope's result as JSON, or its error as a sentence on stderr; the exit code says which.
int finish(const std::string& envelope) {
    auto reply = nlohmann::json::parse(envelope);
    if (reply["ok"] == true) {
        std::cout << reply["result"].dump(2) << '\n';
        return 0;
    }
    const auto& e = reply["error"];
    std::cerr << "soreness-check: [" << e["code"].get<std::string>() << "] " << e["where"].get<std::string>() << ": "
              << e["message"].get<std::string>() << '\n';
    return 1;
}

}  // namespace

namespace {

int run(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string knowledge_dir = SORENESS_KNOWLEDGE_DIR, language = "en";
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if ((args[i] == "--knowledge" || args[i] == "--lang") && i + 1 < args.size()) {
            (args[i] == "--lang" ? language : knowledge_dir) = args[i + 1];
            ++i;
        } else if (args[i] == "-h" || args[i] == "--help") {
            std::cout << usage;
            return 0;
        } else {
            rest.push_back(args[i]);
        }
    }
    if (rest.empty()) {
        std::cerr << usage;
        return 2;
    }

    std::string knowledge_text, strings_text;
    const std::string knowledge_path = knowledge_dir + "/knowledge-base.json";
    const std::string strings_path = knowledge_dir + "/strings/" + language + ".json";
    if (!read_file(knowledge_path, knowledge_text) || !read_file(strings_path, strings_text)) {
        std::cerr << "soreness-check: cannot read " << knowledge_path << " or " << strings_path << '\n';
        return 2;
    }
    auto loaded = soreness::load_knowledge_base(knowledge_text, strings_text);
    if (!loaded.knowledge) {
        for (auto& e : loaded.errors) std::cerr << "soreness-check: [" << e.code << "] " << e.text() << '\n';
        return 1;
    }
    soreness::checker checker(std::move(*loaded.knowledge));

    const std::string& command = rest[0];
    if (command == "validate" && rest.size() == 1) {
        std::cout << "ok: knowledge base " << checker.knowledge().version << ", language " << language << ", "
                  << checker.knowledge().questions.size() << " questions, " << checker.knowledge().rules.size() << " rules\n";
        return 0;
    }
    if (command == "table" && (rest.size() == 1 || (rest.size() == 2 && rest[1] == "--csv"))) {
        std::cout << (rest.size() == 2 ? soreness::decision_table_csv(checker.knowledge())
                                       : soreness::decision_table_markdown(checker.knowledge()));
        return 0;
    }
    if (command == "questions" && rest.size() == 1) return finish(checker.questions_json());
    if ((command == "assess" || command == "next" || command == "step") && rest.size() == 2) {
        std::string answers;
        if (!read_file(rest[1], answers)) {
            std::cerr << "soreness-check: cannot read " << rest[1] << '\n';
            return 2;
        }
        if (command == "step") return finish(checker.step_json(answers, true));
        return finish(command == "assess" ? checker.assess_json(answers) : checker.next_questions_json(answers));
    }
    std::cerr << usage;
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    // The core reports errors as values; this only guards the command line's own I/O and allocations.
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "soreness-check: " << e.what() << '\n';
        return 2;
    }
}
