// Assessment throughput on one core: the triage alone (parsed answers) and the whole JSON round trip, per
// second of this process's CPU time (std::clock), so that other work on a shared machine does not count.
// Prints one JSON object; scripts/benchmark.mjs collects it. Not a test: timings belong in benchmarks.
//   bench_assess [KNOWLEDGE_DIR] [--seconds S]   (S: how long each of the three measures runs; default 1)

#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "soreness/answers.hpp"
#include "soreness/assessment.hpp"
#include "soreness/checker.hpp"

namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A spread of realistic answer sets, from the usual case to several flags at once.
const std::vector<std::string> cases = {
    R"({"danger_signs":["none"],"passed_signs":["none"],"hours_since_massage":30,"massage_type":"deep_tissue","pressure":"strong_but_fine","first_massage":"no","body_regions":["upper_back"],"pain_now":4,"pain_feel":["dull_ache"],"trend":"same","daily_impact":"some","symptoms":["none"],"risk_factors":["none"]})",
    R"({"danger_signs":["chest_pain"]})",
    R"({"danger_signs":["none"],"passed_signs":["none"],"hours_since_massage":80,"massage_type":"sports","pressure":"too_painful","first_massage":"yes","body_regions":["calves","thighs"],"side":"left","pain_now":8,"pain_feel":["sharp_shooting","tender"],"trend":"worse","daily_impact":"stops_normal","symptoms":["one_leg","swelling"],"risk_factors":["previous_clot","blood_thinners"]})",
    R"({"danger_signs":["none"],"passed_signs":["none"],"hours_since_massage":12,"massage_type":"cupping_scraping","pressure":"comfortable","first_massage":"no","body_regions":["upper_back"],"pain_now":3,"pain_feel":["tender"],"trend":"better","daily_impact":"none","symptoms":["mild_bruising"],"risk_factors":["none"]})",
};

template <class Work>
double per_second(double seconds, Work work) {
    long long done = 0;
    const std::clock_t start = std::clock();
    double elapsed = 0;
    while (elapsed < seconds) {
        for (int i = 0; i < 1000; ++i) work(done++);
        elapsed = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
    }
    return static_cast<double>(done) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
    std::string dir = SORENESS_KNOWLEDGE_DIR;
    double seconds = 1.0;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--seconds" && i + 1 < argc) {
            seconds = std::strtod(argv[++i], nullptr);
        } else {
            dir = arg;
        }
    }
    if (!(seconds > 0)) {
        std::fprintf(stderr, "bench_assess: --seconds needs a positive number\n");
        return 2;
    }
    auto loaded = soreness::load_knowledge_base(read_text(dir + "/knowledge-base.json"), read_text(dir + "/strings/en.json"));
    if (!loaded.knowledge) {
        std::fprintf(stderr, "bench_assess: cannot load the knowledge base from %s\n", dir.c_str());
        return 1;
    }
    const soreness::knowledge_base& kb = *loaded.knowledge;
    std::vector<soreness::answer_set> parsed;
    for (auto& text : cases) parsed.push_back(soreness::parse_answers(kb, text).value());

    volatile int sink = 0;
    double triage = per_second(seconds, [&](long long i) { sink = sink + static_cast<int>(soreness::assess(kb, parsed[i % parsed.size()]).result); });
    double parse_and_triage = per_second(seconds, [&](long long i) {
        auto answers = soreness::parse_answers(kb, cases[i % cases.size()]);
        sink = sink + static_cast<int>(soreness::assess(kb, answers.value()).result);
    });
    soreness::checker checker(kb);
    double json_round_trip = per_second(seconds, [&](long long i) { sink = sink + static_cast<int>(checker.assess_json(cases[i % cases.size()]).size()); });

    std::printf("{\"native_assessments_per_second\": %.0f, \"native_parse_and_assess_per_second\": %.0f, "
                "\"native_json_round_trips_per_second\": %.0f}\n",
                triage, parse_and_triage, json_round_trip);
    return 0;
}
