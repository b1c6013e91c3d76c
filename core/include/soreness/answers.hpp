#pragma once
/// A person's answers, checked against the knowledge base and kept in a compact form.

#include <cstdint>
#include <string_view>
#include <vector>

#include "soreness/error.hpp"
#include "soreness/knowledge_base.hpp"

namespace soreness {

struct answer {
    bool answered = false;
    std::uint64_t options = 0;  ///< chosen options as bits (single, multiple, regions)
    double number = 0;          ///< for number questions
};

/// One slot per question of the knowledge base, in its order.
struct answer_set {
    std::vector<answer> by_question;
    std::uint64_t conflicts = 0;  ///< questions where "none" was ticked together with something else

    explicit answer_set(std::size_t question_count = 0) : by_question(question_count) {}
};

/// Parses answers given as a JSON object {"question_id": value, ...}. A missing key means "not
/// answered". Wrong types, unknown ids or options, out-of-range numbers, duplicates, oversized or
/// too deeply nested input are errors that name the field.
outcome<answer_set> parse_answers(const knowledge_base& kb, std::string_view answers_json);

/// True when the question's ask_when conditions hold for these answers.
bool applies(const knowledge_base& kb, int question, const answer_set& answers);

/// Keeps only the answers that count: an answer to a question whose ask_when does not hold for the kept answers
/// is dropped (with its conflict mark), repeated until none is left to drop, since dropping one answer can make
/// another question stop applying (pain_now 0 drops pain_feel). Returns the dropped questions as bits.
std::uint64_t drop_inapplicable(const knowledge_base& kb, answer_set& answers);

/// Questions that apply and are not answered yet, in the order to ask them.
std::vector<int> questions_to_ask(const knowledge_base& kb, const answer_set& answers);

/// Questions that apply, answered or not, in order (for progress and going back).
std::vector<int> applicable_questions(const knowledge_base& kb, const answer_set& answers);

}  // namespace soreness
