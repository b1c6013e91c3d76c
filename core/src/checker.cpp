#include "soreness/checker.hpp"

#include <algorithm>
#include <utility>

#include "json_text.hpp"
#include "soreness/answers.hpp"
#include "soreness/assessment.hpp"

namespace soreness {

namespace {

using detail::json;

std::string ok_json(json result) { return detail::dump(json{{"ok", true}, {"result", std::move(result)}}); }

/// The entries of `list` (a question's option ids or their texts) whose bits are set in `options`.
json chosen(const std::vector<std::string>& list, std::uint64_t options) {
    json picked = json::array();
    for (std::size_t i = 0; i < list.size(); ++i)
        if (options >> i & 1U) picked.push_back(list[i]);
    return picked;
}

/// The answers that made a fired rule's conditions true, so every reason can show its evidence.
void collect_evidence(const knowledge_base& kb, const condition& c, const answer_set& answers, std::uint64_t missing,
                      json& evidence) {
    using kind = condition::kind;
    if (c.test == kind::any) {
        for (const auto& each : c.any)
            if (holds(kb, each, answers)) collect_evidence(kb, each, answers, missing, evidence);
        return;
    }
    if (c.test == kind::incomplete) {
        for (std::size_t i = 0; i < kb.questions.size(); ++i)
            if (missing >> i & 1U)
                evidence.push_back({{"question", kb.questions[i].id}, {"question_text", kb.questions[i].text}, {"answered", false}});
        return;
    }
    const question& q = kb.questions[c.question];
    const answer& a = answers.by_question[c.question];
    json item = {{"question", q.id}, {"question_text", q.text}, {"answered", a.answered}};
    if (a.answered) {
        if (q.type == question_type::number) {
            item["value"] = a.number;
        } else {
            // Show the options the condition matched (has_any, has_all, is_any), not everything ticked.
            std::uint64_t shown = a.options & c.options;
            item["value"] = q.type == question_type::single ? json(q.options[__builtin_ctzll(shown)]) : chosen(q.options, shown);
            item["value_text"] = q.type == question_type::single ? json(q.option_texts[__builtin_ctzll(shown)]) : chosen(q.option_texts, shown);
        }
    }
    auto same = [&](const json& e) { return e["question"] == item["question"]; };
    if (std::none_of(evidence.begin(), evidence.end(), same)) evidence.push_back(std::move(item));
}

/// The ids of the questions whose bits are set, in knowledge-base order.
json question_ids(const knowledge_base& kb, std::uint64_t questions) {
    json ids = json::array();
    for (std::size_t i = 0; i < kb.questions.size(); ++i)
        if (questions >> i & 1U) ids.push_back(kb.questions[i].id);
    return ids;
}

json timeline_json(const knowledge_base& kb, const timeline_position& t) {
    const auto& model = kb.timeline;
    json out = {
        {"phase", phase_id(t.where)},
        {"phase_text", model.phase_texts.at(phase_id(t.where))},
        {"peak_starts_hours", model.peak_starts_hours},
        {"peak_ends_hours", model.peak_ends_hours},
        {"usually_gone_hours", model.usually_gone_hours},
        {"seek_advice_hours", model.seek_advice_hours},
        {"hours_since_massage", nullptr},
    };
    if (t.hours_since_massage) {
        out["hours_since_massage"] = *t.hours_since_massage;
        out["hours_until_easing"] = t.hours_until_easing;
        out["hours_until_seek_advice"] = t.hours_until_seek_advice;
    }
    return out;
}

/// When to remind the person to check again: the timeline's recheck_after_hours after the check, always. A clinical
/// review (issue 16) found that waiting until the soreness should have eased (up to 72 hours) is too long for
/// soreness that is getting worse or is strong in its first day, and that an hour or two is too soon to tell; a
/// day is the next point at which the answers can change the result. None for someone who is past the peak and not
/// sore: there is nothing to check again.
json reminder_json(const knowledge_base& kb, const timeline_position& t) {
    if (t.where == timeline_position::phase::not_sore) return nullptr;
    return {{"hours_from_now", kb.timeline.recheck_after_hours}};
}

json lines_json(const country_help_lines& lines) {
    json out = {{"emergency", lines.emergency}};
    if (!lines.country.empty()) out["country"] = lines.country;
    if (!lines.non_emergency.number.empty())
        out["non_emergency"] = {{"number", lines.non_emergency.number}, {"name", lines.non_emergency.name}};
    return out;
}

/// The start question's warning signs (its options but the exclusive "none"), listed on every result.
json watch_for(const knowledge_base& kb) {
    json signs = json::array();
    if (kb.start_question < 0) return signs;
    const question& q = kb.questions[kb.start_question];
    for (std::size_t i = 0; i < q.options.size(); ++i)
        if ((q.exclusive >> i & 1U) == 0) signs.push_back({{"id", q.options[i]}, {"text", q.option_texts[i]}});
    return signs;
}

/// The assessment of the answers that count; `dropped` are the answered questions that did not apply.
json report(const knowledge_base& kb, const answer_set& answers, const assessment& a, std::uint64_t dropped) {
    const disposition_info& info = kb.info(a.result);

    std::vector<std::size_t> fired;
    for (std::size_t i = 0; i < kb.rules.size(); ++i)
        if (a.rule_fired(i)) fired.push_back(i);

    // Reasons: every concern above self-care, most urgent first; only when there is none, the self-care ones.
    bool any_concern = a.result != disposition::self_care;
    std::vector<std::size_t> shown;
    for (auto i : fired)
        if ((kb.rules[i].requires_at_least != disposition::self_care) == any_concern) shown.push_back(i);
    std::stable_sort(shown.begin(), shown.end(), [&](std::size_t x, std::size_t y) {
        return kb.rules[x].requires_at_least > kb.rules[y].requires_at_least;
    });
    json reasons = json::array();
    for (auto i : shown) {
        const rule& r = kb.rules[i];
        json evidence = json::array();
        for (const auto& c : r.when) collect_evidence(kb, c, answers, a.missing, evidence);
        reasons.push_back({{"rule", r.id}, {"requires", disposition_id(r.requires_at_least)}, {"text", r.reason}, {"answers", std::move(evidence)}});
    }

    const std::uint64_t give = given_advice(kb, answers, a);
    json advice = json::array();
    for (std::size_t i = 0; i < kb.advice.size(); ++i)
        if (give >> i & 1U) advice.push_back({{"id", kb.advice[i].id}, {"text", kb.advice[i].text}});

    json explanations = json::array();
    if (info.everyday_advice)
        for (const auto& e : kb.explanations) explanations.push_back({{"id", e.id}, {"text", e.text}});

    json trace = json::array(), missing = json::array(), conflicts = json::array();
    for (auto i : fired) trace.push_back({{"rule", kb.rules[i].id}, {"requires", disposition_id(kb.rules[i].requires_at_least)}});
    for (std::size_t i = 0; i < kb.questions.size(); ++i) {
        if (a.missing >> i & 1U) missing.push_back(kb.questions[i].id);
        if (answers.conflicts >> i & 1U) conflicts.push_back(kb.questions[i].id);
    }

    return {
        {"knowledge_base_version", kb.version},
        {"language", kb.language},
        {"disposition", {{"id", disposition_id(a.result)}, {"rank", static_cast<int>(a.result)}, {"label", info.label}}},
        {"headline", info.headline},
        {"calls", info.calls},
        {"contact_details", info.contact_details},
        {"complete", a.missing == 0},
        {"missing", std::move(missing)},
        {"conflicts", std::move(conflicts)},
        {"dropped", question_ids(kb, dropped)},
        {"reasons", std::move(reasons)},
        {"advice", std::move(advice)},
        {"explanations", std::move(explanations)},
        // The usual course of soreness only where the result is about ordinary soreness: beside "see a doctor"
        // or "call now", "soreness is building" would reassure.
        {"timeline", info.everyday_advice ? timeline_json(kb, a.timeline) : json(nullptr)},
        {"watch_for", watch_for(kb)},
        // Only on a result that the knowledge base says may offer one (ordinary soreness).
        {"reminder", info.reminder ? reminder_json(kb, a.timeline) : json(nullptr)},
        {"trace", std::move(trace)},
    };
}

json question_json(const question& q) {
    json out = {{"id", q.id}, {"type", question_type_id(q.type)}, {"input", q.input}, {"text", q.text}, {"help", q.help}, {"red_flag", q.red_flag}};
    if (q.type == question_type::number) {
        out.update({{"min", q.min}, {"max", q.max}, {"integer", q.integer}, {"unit", q.unit}, {"unit_text", q.unit_text}});
        if (q.input == "scale") out.update({{"min_text", q.min_text}, {"max_text", q.max_text}});
    } else {
        json options = json::array();
        for (std::size_t i = 0; i < q.options.size(); ++i)
            options.push_back({{"id", q.options[i]}, {"text", q.option_texts[i]}, {"exclusive", (q.exclusive >> i & 1U) == 1}});
        out["options"] = std::move(options);
    }
    return out;
}

}  // namespace

std::string error_json(const error& e) {
    return detail::dump(json{{"ok", false}, {"error", {{"code", e.code}, {"where", e.where}, {"message", e.message}}}});
}

std::string checker::assess_json(std::string_view answers_json) const {
    auto answers = parse_answers(kb_, answers_json);
    if (!answers.ok()) return error_json(answers.failure());
    const std::uint64_t dropped = drop_inapplicable(kb_, answers.value());
    return ok_json(report(kb_, answers.value(), assess(kb_, answers.value()), dropped));
}

std::string checker::step_json(std::string_view answers_json, bool with_assessment) const {
    auto parsed = parse_answers(kb_, answers_json);
    if (!parsed.ok()) return error_json(parsed.failure());
    answer_set& answers = parsed.value();
    const std::uint64_t dropped = drop_inapplicable(kb_, answers);
    const assessment a = assess(kb_, answers);
    const bool final = kb_.info(a.result).ends_check;

    // The answers that count as the person gave them ("none" beside a sign stays), less the dropped ones.
    std::string unused;
    json kept = detail::parse(answers_json, unused).value_or(json::object());
    for (std::size_t i = 0; i < kb_.questions.size(); ++i)
        if (dropped >> i & 1U) kept.erase(kb_.questions[i].id);

    json ask = json::array(), applicable = json::array();
    for (int i : questions_to_ask(kb_, answers)) ask.push_back(kb_.questions[i].id);
    for (int i : applicable_questions(kb_, answers)) applicable.push_back(kb_.questions[i].id);
    return ok_json({
        {"answers", std::move(kept)},
        {"dropped", question_ids(kb_, dropped)},
        {"applicable", std::move(applicable)},
        {"ask", std::move(ask)},
        {"final", final},
        {"assessment", final || with_assessment ? report(kb_, answers, a, dropped) : json(nullptr)},
    });
}

std::string checker::next_questions_json(std::string_view answers_json) const {
    auto answers = parse_answers(kb_, answers_json);
    if (!answers.ok()) return error_json(answers.failure());
    drop_inapplicable(kb_, answers.value());
    json ask = json::array(), applicable = json::array();
    for (int i : questions_to_ask(kb_, answers.value())) ask.push_back(kb_.questions[i].id);
    for (int i : applicable_questions(kb_, answers.value())) applicable.push_back(kb_.questions[i].id);
    return ok_json({{"ask", std::move(ask)}, {"applicable", std::move(applicable)}});
}

std::string checker::questions_json() const {
    json list = json::array();
    for (const auto& q : kb_.questions) list.push_back(question_json(q));
    return ok_json(list);
}

std::string checker::about_json() const {
    json dispositions = json::array();
    for (const auto& d : kb_.dispositions)
        dispositions.push_back({{"id", disposition_id(d.level)}, {"rank", static_cast<int>(d.level)}, {"label", d.label}, {"headline", d.headline}});
    json countries = json::array();
    for (const auto& c : kb_.help_lines.countries) countries.push_back(lines_json(c));
    json help_lines = {{"default", lines_json(kb_.help_lines.fallback)}, {"countries", std::move(countries)}};
    json fallback = json::array();
    for (int i : fallback_advice(kb_)) fallback.push_back({{"id", kb_.advice[i].id}, {"text", kb_.advice[i].text}});
    return ok_json({
        {"knowledge_base_version", kb_.version},
        {"language", kb_.language},
        {"language_name", kb_.language_name},
        {"ui", kb_.ui},
        {"plural_categories", kb_.plural_categories},
        {"amounts", kb_.amounts},
        {"dispositions", std::move(dispositions)},
        {"timeline", timeline_json(kb_, timeline_position{})},
        {"help_lines", std::move(help_lines)},
        {"start_question", kb_.start_question < 0 ? json(nullptr) : json(kb_.questions[kb_.start_question].id)},
        {"fallback_advice", std::move(fallback)},
    });
}

}  // namespace soreness
