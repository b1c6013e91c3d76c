// Fuzzes load_knowledge_base. The first byte chooses the document under attack: 's' fuzzes the
// strings text against the shipped knowledge base, anything else fuzzes the knowledge base text
// against the shipped English strings. A knowledge base that loads is then used, since odd but
// valid data is where the assessment code meets cases the shipped data never has.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "json_text.hpp"

namespace {

using soreness::fuzz::expect;

void use(const soreness::knowledge_base& kb) {
    soreness::checker checker(kb);
    expect(checker.questions_json().rfind("{\"ok\":true", 0) == 0, "questions_json of a loaded knowledge base is ok");
    expect(checker.about_json().rfind("{\"ok\":true", 0) == 0, "about_json of a loaded knowledge base is ok");
    expect(checker.assess_json("{}").rfind("{\"ok\":true", 0) == 0, "an empty answer set can be assessed");
    expect(checker.next_questions_json("{}").rfind("{\"ok\":true", 0) == 0, "an empty answer set has next questions");

    // Every question answered with its first option or its maximum: the most rules fire on data
    // the fuzzer invented.
    soreness::detail::json answers = soreness::detail::json::object();
    for (const auto& q : kb.questions) {
        if (q.type == soreness::question_type::number) answers[q.id] = q.integer ? std::floor(q.max) : q.max;
        else if (q.type == soreness::question_type::single) answers[q.id] = q.options.front();
        else answers[q.id] = soreness::detail::json::array({q.options.front()});
    }
    std::string answers_text = soreness::detail::dump(answers);
    checker.assess_json(answers_text);
    checker.next_questions_json(answers_text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    auto loaded = data[0] == 's' ? soreness::load_knowledge_base(soreness::fuzz::shipped_knowledge_json(), text)
                                 : soreness::load_knowledge_base(text, soreness::fuzz::shipped_strings_json());
    expect(loaded.knowledge.has_value() == loaded.errors.empty(), "a load gives a knowledge base or errors, not both");
    for (const auto& e : loaded.errors) {
        expect(!e.code.empty() && !e.message.empty(), "every load error has a code and a message");
        expect(!e.where.empty() && e.where.front() == '/', "every load error names a JSON pointer");
    }
    if (loaded.knowledge) use(*loaded.knowledge);
    return 0;
}
