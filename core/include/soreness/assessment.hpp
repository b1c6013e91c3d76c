#pragma once
/// The triage itself: which rules fire and the most urgent disposition they require.

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "soreness/answers.hpp"
#include "soreness/knowledge_base.hpp"

namespace soreness {

/// Where the person is on the usual course of soreness.
struct timeline_position {
    enum class phase : std::uint8_t { unknown, building, peak, easing, should_be_gone, not_sore_yet, not_sore };
    phase where = phase::unknown;
    std::optional<double> hours_since_massage;
    double hours_until_easing = 0;        ///< until the peak should be over
    double hours_until_seek_advice = 0;   ///< until "not improving" means getting advice
};
const char* phase_id(timeline_position::phase p);

/// Allocation-free result of a triage: render it with to_json (report.hpp).
struct assessment {
    disposition result = disposition::self_care;
    std::array<std::uint64_t, max_rules / 64> fired{};  ///< bit i: rule i fired
    std::uint64_t missing = 0;                          ///< applicable questions not answered
    timeline_position timeline;

    bool rule_fired(std::size_t rule) const { return ((fired[rule / 64] >> (rule % 64)) & 1U) != 0; }
};

/// Deterministic: the same answers always give the same assessment.
assessment assess(const knowledge_base& kb, const answer_set& answers);

/// The advice a result gives, as bits by index into kb.advice: its disposition's advice and that of the
/// rules that fired (under a disposition without everyday advice, the deciding rules' and the first aid
/// of other rules at see_doctor or above, never advice a self-care rule gives), less every
/// advice whose withheld_when holds for these answers.
std::uint64_t given_advice(const knowledge_base& kb, const answer_set& answers, const assessment& a);

/// The plain advice a page shows when the engine cannot run, in this order without repeats: the emergency
/// disposition's advice (call now, when a warning sign is there), the advice of the self-care rules that hold
/// when nothing is known (what everyone sore is told), and the self-care disposition's own advice.
std::vector<int> fallback_advice(const knowledge_base& kb);

/// Evaluates one condition (exposed for the verifier and tests).
bool holds(const knowledge_base& kb, const condition& c, const answer_set& answers);

}  // namespace soreness
