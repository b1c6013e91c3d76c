#pragma once
// The exhaustive verifier of the triage rules (issue 7). docs/safety/verifier.md explains the
// answer space, the exact reductions that make it finite and small, and how to run it.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "soreness/answers.hpp"
#include "soreness/assessment.hpp"
#include "soreness/knowledge_base.hpp"

namespace soreness::verifier {

/// One test of the policy over one question, written from the policy text, not from the rules.
struct policy_atom {
    enum class test : std::uint8_t { has_any, is_any, at_least, unanswered };
    std::string question;
    test kind = test::has_any;
    std::vector<std::string> options;  ///< for has_any, is_any
    double threshold = 0;              ///< for at_least
};

/// A red flag: when every clause holds (a clause holds when any of its atoms does), the
/// disposition must be at least `floor`, whatever else is answered.
struct policy_flag {
    std::string id;
    disposition floor = disposition::self_care;
    std::vector<std::vector<policy_atom>> clauses;
};

/// Single-choice questions whose options run from mild to bad, for the monotonicity check.
struct ordered_question {
    std::string question;
    std::vector<std::string> mild_to_bad;
};

struct policy {
    std::string about;  ///< what the policy is and where it comes from, for the generated document
    std::vector<policy_flag> flags;
    std::vector<ordered_question> ordered;
    /// Multiple-choice questions where ticking one more option counts as "adding" (a symptom, a risk factor...).
    std::vector<std::string> adding;
    /// Number questions where a higher value is worse (more pain, longer since the massage).
    std::vector<std::string> rising;
};

/// A problem in a policy file: a stable code, where (a JSON pointer) and what is wrong.
struct policy_error {
    std::string code;
    std::string where;
    std::string message;
    std::string text() const;  ///< "<where>: <message>"
};

struct policy_load_result {
    std::optional<policy> loaded;  ///< set only when there are no errors
    std::vector<policy_error> errors;
};

/// Reads a policy file (the format of tests/verifier/triage-policy.json); every problem is reported.
/// Whether its questions and options exist is checked against a knowledge base by verify().
policy_load_result load_policy(const std::string& text);

/// The shipped triage policy, tests/verifier/triage-policy.json: the minimum the knowledge base must
/// meet. Exits the program with the errors when the file cannot be used.
const policy& triage_policy();

/// The policy as the Markdown document docs/triage-policy.md.
std::string policy_markdown(const policy& p);

enum class property : std::uint8_t { setup, totality, floor, monotonicity, reachability, dropping };
const char* property_name(property p);

struct violation {
    property kind = property::setup;
    std::string what;          ///< which flag, rule or item
    std::string detail;        ///< what went wrong
    std::string answers;       ///< minimal counterexample as answers JSON ({} when not applicable)
    std::string worse_answers; ///< monotonicity: the answers after the worsening step
    int answered = 0;          ///< questions answered in the counterexample
};

struct options {
    bool collapse = true;  ///< reduction (c): interchangeable "free" option classes (see verifier.md)
    bool separate = true;  ///< reduction (d): condition a large component on separator questions (see verifier.md)
    unsigned threads = 0;  ///< 0: every core
    /// The answer dropping under test (issue 15): the core's drop_inapplicable; tests plant a faulty one.
    std::function<std::uint64_t(const knowledge_base&, answer_set&)> drop = drop_inapplicable;
    /// The triage under test on every enumerated combination: the core's assess; tests plant a faulty one.
    std::function<assessment(const knowledge_base&, const answer_set&)> assess = soreness::assess;
};

struct component_size {
    std::vector<std::string> questions;
    std::uint64_t combinations = 0;  ///< the component's product (after reductions a-c)
    /// Reduction (d): the separator questions, the parts they leave, and each part's size.
    std::vector<std::string> separator;
    std::uint64_t separator_values = 0;
    std::vector<std::vector<std::string>> parts;
    std::vector<std::uint64_t> part_sizes;
    std::uint64_t assessed = 0;  ///< answer sets assessed for this component
};

struct report {
    std::vector<std::string> space;        ///< one line per question: raw answers, classes, values enumerated
    double raw_log10 = 0;                  ///< log10 of the raw product (hours counted in whole hours)
    double reduced_ab_log10 = 0;           ///< log10 of the product after reductions (a) and (b)
    std::vector<component_size> components;
    std::uint64_t combinations = 0;        ///< answer sets assessed
    std::uint64_t comparisons = 0;         ///< monotonicity pairs compared
    std::uint64_t witnesses = 0;           ///< extra answer sets built for reachability
    std::uint64_t dropping_pairs = 0;      ///< answer sets compared with and without an answer that does not apply
    double seconds = 0;
    unsigned threads = 1;
    std::vector<violation> violations;
    std::vector<std::string> shadowed;     ///< rules that fire but never decide the disposition
    std::vector<std::string> notes;
};

/// Enumerates the answer space of `kb` and checks totality, the policy's floors, monotonicity,
/// reachability, and that an answer to a question that does not apply never changes the result. `kb` must be loaded with its texts (the reachability check renders reports).
report verify(const knowledge_base& kb, const policy& rules_policy, const options& opt);

/// The report as text for people: sizes, speed, violations with their counterexamples, shadowed rules.
std::string format(const report& r);

}  // namespace soreness::verifier
