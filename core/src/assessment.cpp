#include "soreness/assessment.hpp"

#include <algorithm>
#include <array>

namespace soreness {

namespace {

bool holds(const knowledge_base& kb, const condition& c, const answer_set& answers, std::uint64_t missing);

/// A test of one answer (every kind but "any" and "incomplete"). Inline: the verifier assesses tens of
/// millions of answer sets, and most rules stop at their first condition.
inline bool answer_holds(const condition& c, const answer& a) {
    using kind = condition::kind;
    if (c.test == kind::unanswered) return !a.answered;
    if (!a.answered) return false;
    switch (c.test) {
        case kind::has_any:
        case kind::is_any: return (a.options & c.options) != 0;
        case kind::has_all: return (a.options & c.options) == c.options;
        case kind::at_least: return a.number >= c.threshold;
        case kind::below: return a.number < c.threshold;
        default: return false;
    }
}

bool all_hold(const knowledge_base& kb, const std::vector<condition>& when, const answer_set& answers, std::uint64_t missing) {
    // A plain loop: with the two-way test inside, it reads more plainly than std::all_of and a lambda.
    for (const condition& c : when) {  // NOLINT(readability-use-anyofallof)
        const bool one_answer = c.test != condition::kind::any && c.test != condition::kind::incomplete;
        if (!(one_answer ? answer_holds(c, answers.by_question[c.question]) : holds(kb, c, answers, missing))) return false;
    }
    return true;
}

std::uint64_t missing_questions(const knowledge_base& kb, const answer_set& answers) {
    std::uint64_t missing = 0;
    // The loader refuses "incomplete" in an ask_when, so it never needs the missing questions itself.
    for (std::size_t i = 0; i < kb.questions.size(); ++i)
        if (!answers.by_question[i].answered && all_hold(kb, kb.questions[i].ask_when, answers, 0)) missing |= std::uint64_t{1} << i;
    return missing;
}

timeline_position place_on_timeline(const knowledge_base& kb, const answer_set& answers) {
    const auto& model = kb.timeline;
    timeline_position t;
    const answer& a = answers.by_question[model.question];
    if (!a.answered) return t;
    double h = a.number;
    t.hours_since_massage = h;
    using phase = timeline_position::phase;
    t.where = h < model.peak_starts_hours ? phase::building
              : h < model.peak_ends_hours ? phase::peak
              : h < model.usually_gone_hours ? phase::easing
                                              : phase::should_be_gone;
    // Someone who is not sore is told what may still come, not that their soreness is building.
    const bool not_sore = !model.not_sore_when.empty() && all_hold(kb, model.not_sore_when, answers, 0);
    if (not_sore) t.where = h < model.peak_ends_hours ? phase::not_sore_yet : phase::not_sore;
    t.hours_until_easing = std::max(0.0, model.peak_ends_hours - h);
    t.hours_until_seek_advice = std::max(0.0, model.seek_advice_hours - h);
    return t;
}

/// Whether `c` asks which questions are missing: "incomplete", also inside "any".
bool needs_missing(const condition& c) {
    return c.test == condition::kind::incomplete || std::any_of(c.any.begin(), c.any.end(), needs_missing);
}

bool holds(const knowledge_base& kb, const condition& c, const answer_set& answers, std::uint64_t missing) {
    using kind = condition::kind;
    switch (c.test) {
        case kind::any:
            return std::any_of(c.any.begin(), c.any.end(), [&](const condition& each) { return holds(kb, each, answers, missing); });
        case kind::incomplete:
            return missing != 0;
        default:
            break;
    }
    return answer_holds(c, answers.by_question[c.question]);
}

}  // namespace

const char* phase_id(timeline_position::phase p) {
    static constexpr std::array<const char*, 7> ids = {"unknown", "building", "peak", "easing", "should_be_gone", "not_sore_yet", "not_sore"};
    return ids[static_cast<int>(p)];
}

bool holds(const knowledge_base& kb, const condition& c, const answer_set& answers) {
    // Only computed when needed: applies() evaluates ask_when through here, and missing_questions calls applies().
    return holds(kb, c, answers, needs_missing(c) ? missing_questions(kb, answers) : 0);
}

assessment assess(const knowledge_base& kb, const answer_set& answers) {
    assessment result;
    result.missing = missing_questions(kb, answers);
    for (std::size_t i = 0; i < kb.rules.size(); ++i) {
        const rule& r = kb.rules[i];
        if (!all_hold(kb, r.when, answers, result.missing)) continue;
        result.fired[i / 64] |= std::uint64_t{1} << (i % 64);
        result.result = std::max(result.result, r.requires_at_least);
    }
    result.timeline = place_on_timeline(kb, answers);
    return result;
}

std::uint64_t given_advice(const knowledge_base& kb, const answer_set& answers, const assessment& a) {
    const disposition_info& info = kb.info(a.result);
    std::uint64_t give = 0;
    for (int index : info.advice) give |= std::uint64_t{1} << index;
    for (std::size_t i = 0; i < kb.rules.size(); ++i) {
        if (!a.rule_fired(i)) continue;
        const rule& r = kb.rules[i];
        // Under "see a doctor" and above: the deciding rules' advice, and the first aid of other medical
        // concerns (cool a burn), never everyday advice: "drink water" must not sit beside "call now".
        if (!info.everyday_advice && r.requires_at_least != a.result) {
            if (r.requires_at_least < disposition::see_doctor) continue;
            for (int index : r.advice)
                if (!kb.advice[index].everyday) give |= std::uint64_t{1} << index;
            continue;
        }
        for (int index : r.advice) give |= std::uint64_t{1} << index;
    }
    for (std::size_t i = 0; i < kb.advice.size(); ++i) {
        if ((give >> i & 1U) == 0) continue;
        for (const auto& w : kb.advice[i].withheld_when)
            if (all_hold(kb, w.when, answers, a.missing)) {
                give &= ~(std::uint64_t{1} << i);
                break;
            }
    }
    return give;
}

std::vector<int> fallback_advice(const knowledge_base& kb) {
    std::vector<int> list;
    auto add = [&](const std::vector<int>& advice) {
        for (int index : advice)
            if (std::find(list.begin(), list.end(), index) == list.end()) list.push_back(index);
    };
    add(kb.info(disposition::emergency).advice);
    const answer_set nothing_known(kb.questions.size());
    const assessment a = assess(kb, nothing_known);
    for (std::size_t i = 0; i < kb.rules.size(); ++i)
        if (a.rule_fired(i) && kb.rules[i].requires_at_least == disposition::self_care) add(kb.rules[i].advice);
    add(kb.info(disposition::self_care).advice);
    return list;
}

}  // namespace soreness
