// Issue 7: a translation must never weaken a warning. For every language in core/knowledge/strings/
// (whatever is present when the tests run): the knowledge base loads with it, every red-flag text is
// there and not empty, and no red-flag text is an untranslated copy of another language's.

#include <algorithm>
#include <cctype>
#include <dirent.h>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "soreness/knowledge_base.hpp"
#include "test_support.hpp"

using soreness::knowledge_base;
using soreness::testing::knowledge_path;
using soreness::testing::shipped_knowledge;

namespace {

std::vector<std::string> languages() {
    std::vector<std::string> found;
    if (DIR* dir = opendir(knowledge_path("strings").c_str())) {
        while (dirent* entry = readdir(dir)) {
            std::string name = entry->d_name;
            if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0) found.push_back(name.substr(0, name.size() - 5));
        }
        closedir(dir);
    }
    std::sort(found.begin(), found.end());
    return found;
}

/// Every text that warns or sends someone for help, by a stable key.
std::map<std::string, std::string> red_flag_texts(const knowledge_base& kb) {
    std::map<std::string, std::string> texts;
    for (const auto& d : kb.dispositions) {
        texts[std::string("disposition/") + soreness::disposition_id(d.level) + "/label"] = d.label;
        texts[std::string("disposition/") + soreness::disposition_id(d.level) + "/headline"] = d.headline;
    }
    for (const auto& q : kb.questions) {
        if (!q.red_flag) continue;
        texts["question/" + q.id + "/text"] = q.text;
        for (std::size_t i = 0; i < q.options.size(); ++i) texts["question/" + q.id + "/" + q.options[i]] = q.option_texts[i];
    }
    for (const auto& r : kb.rules)
        if (r.requires_at_least >= soreness::disposition::see_doctor) texts["rule/" + r.id] = r.reason;
    for (const auto& id : {"call_emergency_now", "dont_drive", "go_today", "book_doctor", "check_danger_signs", "chest_pain_warning",
                           "worse_seek_help_sooner"}) {
        int index = kb.advice_index(id);
        REQUIRE_MESSAGE(index >= 0, "advice '" << id << "' is missing from the knowledge base");
        texts[std::string("advice/") + id] = kb.advice[index].text;
    }
    return texts;
}

std::string trimmed(const std::string& s) {
    auto begin = s.find_first_not_of(" \t\n");
    return begin == std::string::npos ? "" : s.substr(begin, s.find_last_not_of(" \t\n") - begin + 1);
}

std::multiset<std::string> numbers_in(const std::string& text) {
    std::multiset<std::string> found;
    std::regex digits("[0-9]+");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), digits); it != std::sregex_iterator(); ++it) found.insert(it->str());
    return found;
}

}  // namespace

TEST_CASE("English is among the languages found") {
    auto list = languages();
    CHECK(std::find(list.begin(), list.end(), "en") != list.end());
}

TEST_CASE("every language loads and has every red-flag text, not empty") {
    auto english = red_flag_texts(shipped_knowledge("en"));
    CHECK(english.size() > 40);
    for (const auto& language : languages()) {
        CAPTURE(language);
        auto kb = shipped_knowledge(language);  // the loader rejects missing, empty or unknown texts
        CHECK(kb.language == language);
        auto texts = red_flag_texts(kb);
        CHECK(texts.size() == english.size());
        for (const auto& entry : texts) CHECK_MESSAGE(!trimmed(entry.second).empty(), language << ": " << entry.first << " is empty");
    }
}

TEST_CASE("no red-flag text is a copy of another language's") {
    auto list = languages();
    std::map<std::string, std::map<std::string, std::string>> by_language;
    for (const auto& language : list) by_language[language] = red_flag_texts(shipped_knowledge(language));
    for (std::size_t i = 0; i < list.size(); ++i)
        for (std::size_t j = i + 1; j < list.size(); ++j)
            for (const auto& entry : by_language[list[i]]) {
                // Plain names, not a structured binding: clang 14 cannot capture those in doctest's checks.
                const std::string& key = entry.first;
                const std::string& text = entry.second;
                const std::string& other = by_language[list[j]][key];
                CHECK_MESSAGE(trimmed(text) != trimmed(other),
                              key << " is the same in " << list[i] << " and " << list[j] << ": \"" << text << "\"");
            }
}

TEST_CASE("every language keeps the numbers of its warnings, and names a real emergency number") {
    auto english = red_flag_texts(shipped_knowledge("en"));
    const auto emergency_numbers = numbers_in(english.at("advice/call_emergency_now"));
    CHECK(emergency_numbers == std::multiset<std::string>{"112", "911", "999"});
    for (const auto& language : languages()) {
        CAPTURE(language);
        auto texts = red_flag_texts(shipped_knowledge(language));
        for (const auto& entry : english) {
            const std::string& key = entry.first;
            const std::string& text = entry.second;
            if (key == "advice/call_emergency_now") {
                // A translation may give only the numbers of its countries, but at least one, and never a wrong one.
                auto numbers = numbers_in(texts[key]);
                CHECK_MESSAGE(!numbers.empty(), language << ": " << key << " names no emergency number: \"" << texts[key] << "\"");
                for (const auto& n : numbers)
                    CHECK_MESSAGE(emergency_numbers.count(n) == 1, language << ": " << key << " names " << n << ", which is not an emergency number we list");
                continue;
            }
            CHECK_MESSAGE(numbers_in(texts[key]) == numbers_in(text), language << ": " << key << " changes its numbers: \"" << texts[key] << "\"");
        }
    }
}
