#include "soreness/answers.hpp"

#include <algorithm>
#include <cmath>

#include "json_text.hpp"
#include "soreness/assessment.hpp"

namespace soreness {

namespace {

using detail::json;

std::string number_text(double value) {
    if (!std::isfinite(value)) return "a non-finite number";
    // Whole numbers as people write them: 10, not 10.0.
    if (value == std::floor(value) && std::fabs(value) < 1e15) return std::to_string(static_cast<long long>(value));
    return detail::dump(json(value));
}

std::string type_name(const json& v) {
    if (v.is_array()) return "a list";
    if (v.is_object()) return "an object";
    if (v.is_string()) return "text";
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_null()) return "null";
    return "a number";
}

std::string option_list(const question& q) {
    std::string list;
    for (const auto& option : q.options) list += (list.empty() ? "" : ", ") + option;
    return list;
}

outcome<answer> read_answer(const question& q, const json& value) {
    const std::string where = "/" + q.id;
    answer a;
    a.answered = true;
    switch (q.type) {
        case question_type::number: {
            std::string expected = std::string("expected ") + (q.integer ? "a whole number" : "a number") + " from " +
                                   number_text(q.min) + " to " + number_text(q.max) + " (" + q.unit + ")";
            if (!value.is_number()) return error{"answers.wrong_type", where, expected + ", got " + type_name(value)};
            double n = value.get<double>();
            if (!std::isfinite(n) || n < q.min || n > q.max)
                return error{"answers.out_of_range", where, number_text(n) + " is out of range; " + expected};
            if (q.integer && n != std::floor(n))
                return error{"answers.out_of_range", where, number_text(n) + " is not a whole number; " + expected};
            a.number = n;
            return a;
        }
        case question_type::single: {
            if (!value.is_string())
                return error{"answers.wrong_type", where, "expected one of " + option_list(q) + ", got " + type_name(value)};
            int option = q.option_index(value.get<std::string>());
            if (option < 0)
                return error{"answers.unknown_option", where,
                             "unknown option " + detail::quote(value.get<std::string>()) + "; expected one of " + option_list(q)};
            a.options = std::uint64_t{1} << option;
            return a;
        }
        case question_type::multiple:
        case question_type::regions: {
            if (!value.is_array())
                return error{"answers.wrong_type", where, "expected a list of options (" + option_list(q) + "), got " + type_name(value)};
            if (value.empty())
                return error{"answers.empty_choice", where,
                             q.exclusive ? "choose at least one option, or 'none'" : "choose at least one option"};
            for (std::size_t i = 0; i < value.size(); ++i) {
                const std::string item_where = where + "/" + std::to_string(i);
                if (!value[i].is_string())
                    return error{"answers.wrong_type", item_where, "expected an option id, got " + type_name(value[i])};
                int option = q.option_index(value[i].get<std::string>());
                if (option < 0)
                    return error{"answers.unknown_option", item_where,
                                 "unknown option " + detail::quote(value[i].get<std::string>()) + "; expected one of " + option_list(q)};
                std::uint64_t bit = std::uint64_t{1} << option;
                if (a.options & bit)
                    return error{"answers.duplicate_option", item_where, "option " + detail::quote(value[i].get<std::string>()) + " is listed twice"};
                a.options |= bit;
            }
            return a;
        }
    }
    return error{"answers.wrong_type", where, "unsupported question type"};
}

}  // namespace

outcome<answer_set> parse_answers(const knowledge_base& kb, std::string_view answers_json) {
    if (answers_json.size() > kb.limits.answers_max_bytes)
        return error{"answers.too_large", "/",
                     "the answers are " + std::to_string(answers_json.size()) + " bytes; the limit is " +
                         std::to_string(kb.limits.answers_max_bytes)};
    // Checked before parsing so that hostile nesting costs nothing.
    if (detail::nesting_depth(answers_json, kb.limits.answers_max_depth) > kb.limits.answers_max_depth)
        return error{"answers.too_deep", "/",
                     "the answers are nested more than " + std::to_string(kb.limits.answers_max_depth) + " levels deep"};

    std::string problem, duplicate;
    std::optional<json> parsed = detail::parse(answers_json, problem, &duplicate);
    if (!parsed) return error{"answers.parse_error", "/", problem};
    const json& doc = *parsed;
    if (!doc.is_object())
        return error{"answers.wrong_type", "/", "expected an object of answers like {\"pain_now\": 4}, got " + type_name(doc)};
    if (!duplicate.empty())
        return error{"answers.duplicate_answer", "/" + duplicate, "question " + detail::quote(duplicate) + " is answered twice"};

    answer_set answers(kb.questions.size());
    for (const auto& item : doc.items()) {
        int index = kb.question_index(item.key());
        if (index < 0) return error{"answers.unknown_question", "/" + item.key(), "unknown question " + detail::quote(item.key())};
        auto read = read_answer(kb.questions[index], item.value());
        if (!read.ok()) return read.failure();
        answer& a = answers.by_question[index] = read.value();
        const question& q = kb.questions[index];
        // "None of these" ticked together with a sign: believe the sign (the safer reading) and say so.
        if ((a.options & q.exclusive) && (a.options & ~q.exclusive)) {
            a.options &= ~q.exclusive;
            answers.conflicts |= std::uint64_t{1} << index;
        }
    }
    return answers;
}

bool applies(const knowledge_base& kb, int question, const answer_set& answers) {
    const auto& when = kb.questions[question].ask_when;
    return std::all_of(when.begin(), when.end(), [&](const condition& c) { return holds(kb, c, answers); });
}

std::uint64_t drop_inapplicable(const knowledge_base& kb, answer_set& answers) {
    std::uint64_t dropped = 0;
    // The loader lets an ask_when name only earlier questions, so one pass in order already reaches the fixed
    // point (each question is judged on final earlier answers); the loop only makes that an invariant, not a
    // precondition. Answers are only ever removed, so it ends.
    for (bool changed = true; changed;) {
        changed = false;
        for (int i = 0; i < static_cast<int>(kb.questions.size()); ++i) {
            if (!answers.by_question[i].answered || applies(kb, i, answers)) continue;
            answers.by_question[i] = answer{};
            answers.conflicts &= ~(std::uint64_t{1} << i);
            dropped |= std::uint64_t{1} << i;
            changed = true;
        }
    }
    return dropped;
}

std::vector<int> applicable_questions(const knowledge_base& kb, const answer_set& answers) {
    std::vector<int> list;
    for (int i = 0; i < static_cast<int>(kb.questions.size()); ++i)
        if (applies(kb, i, answers)) list.push_back(i);
    return list;
}

std::vector<int> questions_to_ask(const knowledge_base& kb, const answer_set& answers) {
    std::vector<int> list;
    for (int i : applicable_questions(kb, answers))
        if (!answers.by_question[i].answered) list.push_back(i);
    return list;
}

}  // namespace soreness
