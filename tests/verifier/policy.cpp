// The triage policy of issue 3, typed in from the issue text. It is deliberately NOT derived from
// the knowledge base's rules: the verifier checks the rules against it. Where the policy gives a
// range ("3-4 days", "2-3 days") the floor is checked at the lenient end, because the policy is the
// minimum and the knowledge base may be stricter (it uses the strict end).

#include "verifier.hpp"

namespace soreness::verifier {

namespace {

using test = policy_atom::test;

policy_atom has(const char* question, std::vector<std::string> options) { return {question, test::has_any, std::move(options), 0}; }
policy_atom is(const char* question, std::vector<std::string> options) { return {question, test::is_any, std::move(options), 0}; }
policy_atom at_least(const char* question, double threshold) { return {question, test::at_least, {}, threshold}; }
policy_atom unanswered(const char* question) { return {question, test::unanswered, {}, 0}; }

policy make_policy() {
    using d = disposition;
    policy p;
    auto flag = [&](const char* id, d floor, std::vector<std::vector<policy_atom>> clauses) {
        p.flags.push_back({id, floor, std::move(clauses)});
    };
    const double day = 24;

    // emergency
    flag("chest_pain", d::emergency, {{has("danger_signs", {"chest_pain"})}});
    flag("shortness_of_breath", d::emergency, {{has("danger_signs", {"short_breath"})}});
    flag("sudden_severe_headache", d::emergency, {{has("danger_signs", {"sudden_headache"})}});
    flag("dizziness_vision_speech", d::emergency, {{has("danger_signs", {"brain_signs"})}});
    flag("saddle_numbness_bladder_bowel", d::emergency, {{has("danger_signs", {"saddle_numbness"})}});
    flag("one_leg_with_breathing_or_chest_pain", d::emergency,
         {{has("symptoms", {"one_leg"})}, {has("danger_signs", {"short_breath", "chest_pain"})}});

    // urgent
    flag("dark_urine", d::urgent, {{has("symptoms", {"dark_urine"})}});
    flag("one_calf_or_leg", d::urgent, {{has("symptoms", {"one_leg"})}});
    flag("fever_with_redness_warmth_or_pus", d::urgent,
         {{has("symptoms", {"fever_chills"})}, {has("symptoms", {"redness_warmth", "pus_wound"})}});
    flag("new_limb_weakness", d::urgent, {{has("symptoms", {"limb_weakness"})}});
    flag("bruising_or_swelling_on_blood_thinners", d::urgent,
         {{has("risk_factors", {"blood_thinners"})}, {has("symptoms", {"large_bruising", "swelling"})}});
    flag("severe_pain_worse_or_stopping_activities", d::urgent,
         {{at_least("pain_now", 8)}, {is("trend", {"worse"}), is("daily_impact", {"stops_normal"})}});

    // see_doctor
    flag("not_improving_after_3_to_4_days", d::see_doctor, {{at_least("hours_since_massage", 4 * day)}, {is("trend", {"same", "worse"})}});
    flag("worse_after_48_hours", d::see_doctor, {{at_least("hours_since_massage", 2 * day)}, {is("trend", {"worse"})}});
    flag("severe_pain_not_improved_after_2_to_3_days", d::see_doctor,
         {{at_least("pain_now", 8)}, {at_least("hours_since_massage", 3 * day)}, {is("trend", {"same", "worse"})}});
    flag("large_bruising_swelling_or_redness", d::see_doctor, {{has("symptoms", {"large_bruising", "swelling", "redness_warmth"})}});
    flag("numbness_or_tingling", d::see_doctor, {{has("symptoms", {"numbness", "tingling"})}});
    flag("fever", d::see_doctor, {{has("symptoms", {"fever_chills"})}});
    flag("previous_injury_feels_worse", d::see_doctor, {{has("risk_factors", {"injury_worse"})}});
    flag("surgery_or_injury_site_worse", d::see_doctor, {{has("risk_factors", {"recent_surgery_injury"})}, {is("trend", {"worse"})}});

    // contact_therapist
    flag("pressure_too_painful", d::contact_therapist, {{is("pressure", {"too_painful"})}});
    flag("sharp_or_shooting_pain", d::contact_therapist, {{has("pain_feel", {"sharp_shooting"})}});
    flag("not_easing_after_about_2_days", d::contact_therapist, {{at_least("hours_since_massage", 2 * day)}, {is("trend", {"same", "worse"})}});
    flag("much_more_sore_than_expected", d::contact_therapist, {{at_least("pain_now", 7)}});
    flag("mild_bruising", d::contact_therapist, {{has("symptoms", {"mild_bruising"})}});

    // "When a red-flag question is unanswered, never reassure": every question a flag above reads.
    for (const char* q : {"danger_signs", "symptoms", "risk_factors", "pain_now", "hours_since_massage", "pressure", "body_regions"})
        flag((std::string("never_reassure_without_") + q).c_str(), d::contact_therapist, {{unanswered(q)}});
    // Issue 18: someone who says they have no pain (0 out of 10) is not asked what the pain feels like,
    // how it is going or what it stops them doing; anyone else who leaves these open is never reassured.
    // The red-flag questions above stay unconditional, pain 0 or not.
    for (const char* q : {"pain_feel", "trend", "daily_impact"})
        flag((std::string("never_reassure_without_") + q).c_str(), d::contact_therapist,
             {{unanswered(q)}, {unanswered("pain_now"), at_least("pain_now", 1)}});

    p.ordered = {
        {"trend", {"better", "same", "worse"}},
        {"daily_impact", {"none", "some", "stops_normal"}},
        {"pressure", {"comfortable", "strong_but_fine", "too_painful"}},
    };
    p.adding = {"danger_signs", "symptoms", "risk_factors", "pain_feel", "body_regions"};
    p.rising = {"pain_now", "hours_since_massage"};
    return p;
}

}  // namespace

const policy& triage_policy() {
    static const policy p = make_policy();
    return p;
}

}  // namespace soreness::verifier
