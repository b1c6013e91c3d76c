// Where a person is on the usual course of soreness, from the hours since the massage: the phase
// boundaries (issue 3: builds over the first day, peaks at 24-48 hours, usually gone in 2-3 days,
// seek advice when not improving after 3 days) and the hours until easing and until seeking advice.

#include <string>

#include <nlohmann/json.hpp>

#include "triage_helpers.hpp"

using nlohmann::json;
using soreness::timeline_position;
using namespace soreness::testing;

namespace {

timeline_position place(const json& answers) {
    auto parsed = soreness::parse_answers(kb(), answers.dump());
    REQUIRE(parsed.ok());
    return soreness::assess(kb(), parsed.value()).timeline;
}
timeline_position at_hours(double hours) { return place({{"hours_since_massage", hours}}); }

}  // namespace

TEST_CASE("the shipped timeline is the usual course") {
    const auto& t = kb().timeline;
    CHECK(kb().questions[t.question].id == "hours_since_massage");
    CHECK(t.peak_starts_hours == 24);
    CHECK(t.peak_ends_hours == 48);
    CHECK(t.usually_gone_hours == 72);
    CHECK(t.seek_advice_hours == 72);
}

TEST_CASE("phase boundaries") {
    using phase = timeline_position::phase;
    struct expectation {
        double hours;
        phase where;
        const char* id;
    };
    for (auto e : {expectation{0, phase::building, "building"}, expectation{0.5, phase::building, "building"},
                   expectation{23.9, phase::building, "building"}, expectation{24, phase::peak, "peak"},
                   expectation{47.9, phase::peak, "peak"}, expectation{48, phase::easing, "easing"},
                   expectation{71.9, phase::easing, "easing"}, expectation{72, phase::should_be_gone, "should_be_gone"},
                   expectation{500, phase::should_be_gone, "should_be_gone"},
                   expectation{2160, phase::should_be_gone, "should_be_gone"}}) {
        CAPTURE(e.hours);
        auto t = at_hours(e.hours);
        CHECK(t.where == e.where);
        CHECK(std::string(soreness::phase_id(t.where)) == e.id);
        REQUIRE(t.hours_since_massage.has_value());
        CHECK(*t.hours_since_massage == e.hours);
    }
}

TEST_CASE("hours until easing and until seeking advice") {
    struct expectation {
        double hours, until_easing, until_seek_advice;
    };
    for (auto e : {expectation{0, 48, 72}, expectation{6, 42, 66}, expectation{23.9, 24.1, 48.1}, expectation{24, 24, 48},
                   expectation{47.9, 0.1, 24.1}, expectation{48, 0, 24}, expectation{60.5, 0, 11.5}, expectation{71.9, 0, 0.1},
                   expectation{72, 0, 0}, expectation{200, 0, 0}}) {
        CAPTURE(e.hours);
        auto t = at_hours(e.hours);
        CHECK(t.hours_until_easing == doctest::Approx(e.until_easing));
        CHECK(t.hours_until_seek_advice == doctest::Approx(e.until_seek_advice));
    }
}

TEST_CASE("unknown phase when the time is not answered") {
    auto t = place(json::object());
    CHECK(t.where == timeline_position::phase::unknown);
    CHECK(std::string(soreness::phase_id(t.where)) == "unknown");
    CHECK_FALSE(t.hours_since_massage.has_value());
    CHECK(t.hours_until_easing == 0);
    CHECK(t.hours_until_seek_advice == 0);

    // The report says null and leaves the countdowns out rather than showing a made-up 0.
    triage r = run(usual_with({{"hours_since_massage", nullptr}}));
    const json& timeline = r.report["timeline"];
    CHECK(timeline["phase"] == "unknown");
    CHECK(timeline["phase_text"] == kb().timeline.phase_texts.at("unknown"));
    CHECK(timeline["hours_since_massage"].is_null());
    CHECK_FALSE(timeline.contains("hours_until_easing"));
    CHECK_FALSE(timeline.contains("hours_until_seek_advice"));
}

TEST_CASE("the report carries the personal timeline") {
    triage r = run(usual_with({{"hours_since_massage", 30}}));
    CHECK(r.report["timeline"] == json{{"phase", "peak"},
                                       {"phase_text", kb().timeline.phase_texts.at("peak")},
                                       {"peak_starts_hours", 24},
                                       {"peak_ends_hours", 48},
                                       {"usually_gone_hours", 72},
                                       {"seek_advice_hours", 72},
                                       {"hours_since_massage", 30},
                                       {"hours_until_easing", 18},
                                       {"hours_until_seek_advice", 42}});
}

TEST_CASE("issue 18: someone who is not sore is told what may still come") {
    using phase = timeline_position::phase;
    struct expectation {
        double hours;
        phase where;
    };
    for (const auto& e : {expectation{0, phase::not_sore_yet}, expectation{2, phase::not_sore_yet}, expectation{30, phase::not_sore_yet},
                          expectation{47.5, phase::not_sore_yet}, expectation{48, phase::not_sore}, expectation{200, phase::not_sore}}) {
        CAPTURE(e.hours);
        CHECK(place({{"hours_since_massage", e.hours}, {"pain_now", 0}}).where == e.where);
    }
    CHECK(place({{"hours_since_massage", 2}, {"pain_now", 1}}).where == phase::building);
    CHECK(place({{"pain_now", 0}}).where == phase::unknown);
    CHECK(std::string(soreness::phase_id(phase::not_sore_yet)) == "not_sore_yet");
    CHECK(std::string(soreness::phase_id(phase::not_sore)) == "not_sore");
}
