#include "soreness/checker.hpp"

#include <algorithm>
#include <utility>

#include "json_text.hpp"
#include "soreness/answers.hpp"
#include "soreness/assessment.hpp"

// Every result is written straight into its text with json_writer, no nlohmann::json tree in between: building that
// tree and dumping it was about 70 % of an assessment's time in the wasm (docs/performance.md, "Speed of the wasm").
// The text stays what dump() gave, so each object's keys are written in nlohmann's order (sorted by byte), whatever
// order reads best; tests/unit/test_json_text.cpp checks that every reply re-dumps to itself.

namespace soreness {

namespace {

using detail::json;
using detail::json_writer;

/// {"ok":true,"result":...}: opens the envelope up to the result, which the caller writes and then closes with
/// `end_ok`.
json_writer& begin_ok(json_writer& w) { return w.begin_object().key("ok").boolean(true).key("result"); }
std::string end_ok(json_writer& w) { return w.end_object().take(); }

/// The entries of `list` (a question's option ids or their texts) whose bits are set in `options`.
void chosen(json_writer& w, const std::vector<std::string>& list, std::uint64_t options) {
    w.begin_array();
    for (std::size_t i = 0; i < list.size(); ++i)
        if (options >> i & 1U) w.text(list[i]);
    w.end_array();
}

/// One answer a reason shows: the question, and when answered the options the condition matched or the number.
struct evidence_item {
    int question = -1;
    bool answered = false;
    std::uint64_t shown = 0;  ///< for choice questions: the ticked options the condition tests
};

/// The answers that made a fired rule's conditions true, so every reason can show its evidence.
void collect_evidence(const knowledge_base& kb, const condition& c, const answer_set& answers, std::uint64_t missing,
                      std::vector<evidence_item>& evidence) {
    using kind = condition::kind;
    if (c.test == kind::any) {
        for (const auto& each : c.any)
            if (holds(kb, each, answers)) collect_evidence(kb, each, answers, missing, evidence);
        return;
    }
    if (c.test == kind::incomplete) {
        for (std::size_t i = 0; i < kb.questions.size(); ++i)
            if (missing >> i & 1U) evidence.push_back({static_cast<int>(i), false, 0});
        return;
    }
    const answer& a = answers.by_question[c.question];
    // Show the options the condition matched (has_any, has_all, is_any), not everything ticked.
    const evidence_item item{c.question, a.answered, a.options & c.options};
    auto same = [&](const evidence_item& e) { return e.question == item.question; };
    if (std::none_of(evidence.begin(), evidence.end(), same)) evidence.push_back(item);
}

void write_evidence(json_writer& w, const knowledge_base& kb, const answer_set& answers, const evidence_item& e) {
    const question& q = kb.questions[e.question];
    w.begin_object().key("answered").boolean(e.answered).key("question").text(q.id).key("question_text").text(q.text);
    if (e.answered) {
        if (q.type == question_type::number) {
            w.key("value").number(answers.by_question[e.question].number);
        } else if (q.type == question_type::single) {
            const auto picked = static_cast<std::size_t>(__builtin_ctzll(e.shown));
            w.key("value").text(q.options[picked]).key("value_text").text(q.option_texts[picked]);
        } else {
            w.key("value");
            chosen(w, q.options, e.shown);
            w.key("value_text");
            chosen(w, q.option_texts, e.shown);
        }
    }
    w.end_object();
}

/// The ids of the questions whose bits are set, in knowledge-base order.
void question_ids(json_writer& w, const knowledge_base& kb, std::uint64_t questions) {
    w.begin_array();
    for (std::size_t i = 0; i < kb.questions.size(); ++i)
        if (questions >> i & 1U) w.text(kb.questions[i].id);
    w.end_array();
}

void question_ids(json_writer& w, const knowledge_base& kb, const std::vector<int>& questions) {
    w.begin_array();
    for (int i : questions) w.text(kb.questions[i].id);
    w.end_array();
}

void write_timeline(json_writer& w, const knowledge_base& kb, const timeline_position& t) {
    const auto& model = kb.timeline;
    w.begin_object().key("hours_since_massage");
    if (t.hours_since_massage) {
        w.number(*t.hours_since_massage)
            .key("hours_until_easing")
            .number(t.hours_until_easing)
            .key("hours_until_seek_advice")
            .number(t.hours_until_seek_advice);
    } else {
        w.null();
    }
    w.key("peak_ends_hours").number(model.peak_ends_hours).key("peak_starts_hours").number(model.peak_starts_hours);
    w.key("phase").text(phase_id(t.where)).key("phase_text").text(model.phase_texts.at(phase_id(t.where)));
    w.key("seek_advice_hours").number(model.seek_advice_hours).key("usually_gone_hours").number(model.usually_gone_hours);
    w.end_object();
}

/// When to remind the person to check again: the timeline's recheck_after_hours after the check, always. A clinical
/// review (issue 16) found that waiting until the soreness should have eased (up to 72 hours) is too long for
/// soreness that is getting worse or is strong in its first day, and that an hour or two is too soon to tell; a
/// day is the next point at which the answers can change the result. None for someone who is past the peak and not
/// sore: there is nothing to check again.
void write_reminder(json_writer& w, const knowledge_base& kb, const timeline_position& t) {
    if (t.where == timeline_position::phase::not_sore) {
        w.null();
        return;
    }
    w.begin_object().key("hours_from_now").number(kb.timeline.recheck_after_hours).end_object();
}

void write_lines(json_writer& w, const country_help_lines& lines) {
    w.begin_object();
    if (!lines.country.empty()) w.key("country").text(lines.country);
    w.key("emergency").text(lines.emergency);
    if (!lines.non_emergency.number.empty())
        w.key("non_emergency").begin_object().key("name").text(lines.non_emergency.name).key("number").text(lines.non_emergency.number).end_object();
    w.end_object();
}

void write_text_item(json_writer& w, const std::string& id, const std::string& text) {
    w.begin_object().key("id").text(id).key("text").text(text).end_object();
}

/// The start question's warning signs (its options but the exclusive "none"), listed on every result.
void watch_for(json_writer& w, const knowledge_base& kb) {
    w.begin_array();
    if (kb.start_question >= 0) {
        const question& q = kb.questions[kb.start_question];
        for (std::size_t i = 0; i < q.options.size(); ++i)
            if ((q.exclusive >> i & 1U) == 0) write_text_item(w, q.options[i], q.option_texts[i]);
    }
    w.end_array();
}

/// The assessment of the answers that count; `dropped` are the answered questions that did not apply.
void report(json_writer& w, const knowledge_base& kb, const answer_set& answers, const assessment& a, std::uint64_t dropped) {
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

    w.begin_object();
    w.key("advice").begin_array();
    const std::uint64_t give = given_advice(kb, answers, a);
    for (std::size_t i = 0; i < kb.advice.size(); ++i)
        if (give >> i & 1U) write_text_item(w, kb.advice[i].id, kb.advice[i].text);
    w.end_array();
    w.key("calls").texts(info.calls);
    w.key("complete").boolean(a.missing == 0);
    w.key("conflicts");
    question_ids(w, kb, answers.conflicts);
    w.key("contact_details").boolean(info.contact_details);
    w.key("disposition").begin_object().key("id").text(disposition_id(a.result)).key("label").text(info.label);
    w.key("rank").integer(static_cast<int>(a.result)).end_object();
    w.key("dropped");
    question_ids(w, kb, dropped);
    w.key("explanations").begin_array();
    if (info.everyday_advice)
        for (const auto& e : kb.explanations) write_text_item(w, e.id, e.text);
    w.end_array();
    w.key("headline").text(info.headline);
    w.key("knowledge_base_version").text(kb.version);
    w.key("language").text(kb.language);
    w.key("missing");
    question_ids(w, kb, a.missing);
    w.key("reasons").begin_array();
    std::vector<evidence_item> evidence;
    for (auto i : shown) {
        const rule& r = kb.rules[i];
        evidence.clear();
        for (const auto& c : r.when) collect_evidence(kb, c, answers, a.missing, evidence);
        w.begin_object().key("answers").begin_array();
        for (const auto& e : evidence) write_evidence(w, kb, answers, e);
        w.end_array().key("requires").text(disposition_id(r.requires_at_least)).key("rule").text(r.id);
        w.key("text").text(r.reason).end_object();
    }
    w.end_array();
    // Only on a result that the knowledge base says may offer one (ordinary soreness).
    w.key("reminder");
    if (info.reminder) write_reminder(w, kb, a.timeline);
    else w.null();
    // The usual course of soreness only where the result is about ordinary soreness: beside "see a doctor"
    // or "call now", "soreness is building" would reassure.
    w.key("timeline");
    if (info.everyday_advice) write_timeline(w, kb, a.timeline);
    else w.null();
    w.key("trace").begin_array();
    for (auto i : fired)
        w.begin_object().key("requires").text(disposition_id(kb.rules[i].requires_at_least)).key("rule").text(kb.rules[i].id).end_object();
    w.end_array();
    w.key("watch_for");
    watch_for(w, kb);
    w.end_object();
}

void write_question(json_writer& w, const question& q) {
    w.begin_object().key("help").text(q.help).key("id").text(q.id).key("input").text(q.input);
    if (q.type == question_type::number) {
        w.key("integer").boolean(q.integer).key("max").number(q.max);
        if (q.input == "scale") w.key("max_text").text(q.max_text);
        w.key("min").number(q.min);
        if (q.input == "scale") w.key("min_text").text(q.min_text);
    } else {
        w.key("options").begin_array();
        for (std::size_t i = 0; i < q.options.size(); ++i) {
            w.begin_object().key("exclusive").boolean((q.exclusive >> i & 1U) == 1).key("id").text(q.options[i]);
            w.key("text").text(q.option_texts[i]).end_object();
        }
        w.end_array();
    }
    w.key("red_flag").boolean(q.red_flag).key("text").text(q.text).key("type").text(question_type_id(q.type));
    if (q.type == question_type::number) w.key("unit").text(q.unit).key("unit_text").text(q.unit_text);
    w.end_object();
}

}  // namespace

std::string error_json(const error& e) {
    json_writer w;
    w.begin_object().key("error").begin_object().key("code").text(e.code).key("message").text(e.message).key("where").text(e.where);
    return w.end_object().key("ok").boolean(false).end_object().take();
}

std::string checker::assess_json(std::string_view answers_json) const {
    auto answers = parse_answers(kb_, answers_json);
    if (!answers.ok()) return error_json(answers.failure());
    const std::uint64_t dropped = drop_inapplicable(kb_, answers.value());
    json_writer w;
    report(begin_ok(w), kb_, answers.value(), assess(kb_, answers.value()), dropped);
    return end_ok(w);
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

    json_writer w;
    begin_ok(w).begin_object().key("answers").value(kept);
    w.key("applicable");
    question_ids(w, kb_, applicable_questions(kb_, answers));
    w.key("ask");
    question_ids(w, kb_, questions_to_ask(kb_, answers));
    w.key("assessment");
    if (final || with_assessment) report(w, kb_, answers, a, dropped);
    else w.null();
    w.key("dropped");
    question_ids(w, kb_, dropped);
    w.key("final").boolean(final).end_object();
    return end_ok(w);
}

std::string checker::next_questions_json(std::string_view answers_json) const {
    auto answers = parse_answers(kb_, answers_json);
    if (!answers.ok()) return error_json(answers.failure());
    drop_inapplicable(kb_, answers.value());
    json_writer w;
    begin_ok(w).begin_object().key("applicable");
    question_ids(w, kb_, applicable_questions(kb_, answers.value()));
    w.key("ask");
    question_ids(w, kb_, questions_to_ask(kb_, answers.value()));
    w.end_object();
    return end_ok(w);
}

std::string checker::questions_json() const {
    json_writer w;
    begin_ok(w).begin_array();
    for (const auto& q : kb_.questions) write_question(w, q);
    w.end_array();
    return end_ok(w);
}

std::string checker::about_json() const {
    json_writer w;
    begin_ok(w).begin_object().key("amounts").begin_object();
    for (const auto& [unit, forms] : kb_.amounts) {
        w.key(unit).begin_object();
        for (const auto& [category, text] : forms) w.key(category).text(text);
        w.end_object();
    }
    w.end_object().key("dispositions").begin_array();
    for (const auto& d : kb_.dispositions) {
        w.begin_object().key("headline").text(d.headline).key("id").text(disposition_id(d.level)).key("label").text(d.label);
        w.key("rank").integer(static_cast<int>(d.level)).end_object();
    }
    w.end_array().key("fallback_advice").begin_array();
    for (int i : fallback_advice(kb_)) write_text_item(w, kb_.advice[i].id, kb_.advice[i].text);
    w.end_array().key("help_lines").begin_object().key("countries").begin_array();
    for (const auto& c : kb_.help_lines.countries) write_lines(w, c);
    w.end_array().key("default");
    write_lines(w, kb_.help_lines.fallback);
    w.end_object();
    w.key("knowledge_base_version").text(kb_.version).key("language").text(kb_.language).key("language_name").text(kb_.language_name);
    w.key("plural_categories").texts(kb_.plural_categories);
    w.key("start_question");
    if (kb_.start_question < 0) w.null();
    else w.text(kb_.questions[kb_.start_question].id);
    w.key("timeline");
    write_timeline(w, kb_, timeline_position{});
    w.key("ui").begin_object();
    for (const auto& [name, text] : kb_.ui) w.key(name).text(text);
    w.end_object().end_object();
    return end_ok(w);
}

}  // namespace soreness
