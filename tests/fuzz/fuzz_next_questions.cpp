// Fuzzes checker::next_questions_json against the shipped knowledge base and checks its lists:
// "ask" is the unanswered part of "applicable", both in knowledge-base order.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "json_text.hpp"
#include "soreness/answers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using soreness::fuzz::expect;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto& checker = soreness::fuzz::shipped_checker();
    const auto& kb = checker.knowledge();

    std::string problem;
    auto envelope = soreness::detail::parse(checker.next_questions_json(text), problem);
    expect(envelope.has_value(), "next_questions_json returns valid JSON");
    auto answers = soreness::parse_answers(kb, text);
    expect((*envelope)["ok"] == answers.ok(), "next_questions_json succeeds exactly when parse_answers does");
    if (!answers.ok()) return 0;

    const auto& ask = (*envelope)["result"]["ask"];
    const auto& applicable = (*envelope)["result"]["applicable"];
    expect(ask.size() <= applicable.size(), "no more questions to ask than apply");
    int previous = -1;
    std::size_t next_applicable = 0;
    for (const auto& id : ask) {
        int index = kb.question_index(id.get<std::string>());
        expect(index > previous, "questions to ask come in knowledge-base order");
        expect(!answers.value().by_question[index].answered, "an answered question is not asked again");
        while (next_applicable < applicable.size() && applicable[next_applicable] != id) ++next_applicable;
        expect(next_applicable < applicable.size(), "every question to ask applies");
        previous = index;
    }
    return 0;
}
