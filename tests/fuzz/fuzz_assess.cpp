// Fuzzes the answers path against the shipped knowledge base: parse_answers, assess, and the JSON
// surface checker::assess_json that the WebAssembly bindings call, checking that they agree.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "json_text.hpp"
#include "soreness/answers.hpp"
#include "soreness/assessment.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using soreness::fuzz::expect;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto& checker = soreness::fuzz::shipped_checker();
    const auto& kb = checker.knowledge();

    auto answers = soreness::parse_answers(kb, text);
    std::string problem;
    auto envelope = soreness::detail::parse(checker.assess_json(text), problem);
    expect(envelope.has_value(), "assess_json returns valid JSON");
    expect((*envelope)["ok"] == answers.ok(), "assess_json succeeds exactly when parse_answers does");
    if (!answers.ok()) {
        const auto& e = answers.failure();
        expect(!e.code.empty() && !e.message.empty(), "an answers error has a code and a message");
        expect(!e.where.empty() && e.where.front() == '/', "an answers error names a JSON pointer");
        expect((*envelope)["error"]["message"] == e.message, "the envelope carries the parse error");
        return 0;
    }
    auto result = soreness::assess(kb, answers.value());
    expect(soreness::assess(kb, answers.value()).result == result.result, "assess is deterministic");
    expect((*envelope)["result"]["disposition"]["id"] == soreness::disposition_id(result.result),
           "assess_json reports the disposition assess computed");
    std::size_t fired = 0;
    for (std::size_t i = 0; i < kb.rules.size(); ++i) fired += result.rule_fired(i) ? 1 : 0;
    expect((*envelope)["result"]["trace"].size() == fired, "the trace lists every fired rule");
    return 0;
}
