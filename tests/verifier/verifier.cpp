#include "verifier.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <numeric>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "soreness/answers.hpp"
#include "soreness/assessment.hpp"
#include "soreness/checker.hpp"

namespace soreness::verifier {

const char* property_name(property p) {
    static const char* const names[] = {"setup", "totality", "red-flag floor", "monotonicity", "reachability", "answer dropping"};
    return names[static_cast<int>(p)];
}

namespace {

using json = nlohmann::json;
constexpr int levels = disposition_count;
constexpr std::uint64_t bit(int i) { return std::uint64_t{1} << i; }
int level_of(disposition d) { return static_cast<int>(d); }
const char* level_id(int l) { return disposition_id(static_cast<disposition>(l)); }

void visit(const condition& c, const std::function<void(const condition&)>& f) {
    f(c);
    for (const auto& each : c.any) visit(each, f);
}
void visit_rule(const rule& r, const std::function<void(const condition&)>& f) {
    for (const auto& c : r.when) visit(c, f);
}
bool is_choice_test(const condition& c) {
    using k = condition::kind;
    return c.test == k::has_any || c.test == k::has_all || c.test == k::is_any;
}
bool is_choice(const question& q) { return q.type != question_type::number; }

// ---------------------------------------------------------------------------------------------
// The reference semantics, written again from the knowledge base's documentation, so that the
// totality check compares the engine with an independent reading of the same data.

bool reference_holds(const condition& c, const answer_set& a, bool incomplete) {
    using k = condition::kind;
    if (c.test == k::any) {
        for (const auto& each : c.any)
            if (reference_holds(each, a, incomplete)) return true;
        return false;
    }
    if (c.test == k::incomplete) return incomplete;
    const answer& v = a.by_question[c.question];
    if (c.test == k::unanswered) return !v.answered;
    if (!v.answered) return false;
    switch (c.test) {
        case k::has_any:
        case k::is_any: return (v.options & c.options) != 0;
        case k::has_all: return (v.options & c.options) == c.options;
        case k::at_least: return v.number >= c.threshold;
        case k::below: return v.number < c.threshold;
        default: return false;
    }
}

std::uint64_t reference_missing(const knowledge_base& kb, const answer_set& a) {
    std::uint64_t missing = 0;
    for (std::size_t q = 0; q < kb.questions.size(); ++q) {
        if (a.by_question[q].answered) continue;
        bool applies = true;
        for (const auto& c : kb.questions[q].ask_when) applies = applies && reference_holds(c, a, false);
        if (applies) missing |= bit(static_cast<int>(q));
    }
    return missing;
}

// ---------------------------------------------------------------------------------------------

struct resolved_atom {
    int question = -1;
    policy_atom::test kind = policy_atom::test::has_any;
    std::uint64_t mask = 0;
    double threshold = 0;

    bool holds(const answer& v) const {
        if (kind == policy_atom::test::unanswered) return !v.answered;
        if (!v.answered) return false;
        if (kind == policy_atom::test::at_least) return v.number >= threshold;
        return (v.options & mask) != 0;
    }
};
struct resolved_flag {
    std::string id;
    int floor = 0;
    std::vector<std::vector<resolved_atom>> clauses;
};

struct option_class {
    std::uint64_t members = 0;
    int rep = 0;  // first option of the class: stands for all of them
    bool exclusive = false;
    int own = 0;  // most urgent level a single-condition rule gives when this class alone is ticked
    bool coupled = true;
};

/// The values one question takes in the enumeration; values[0] is "not answered".
struct question_domain {
    int question = -1;
    std::vector<answer> values;
    std::vector<std::vector<std::uint32_t>> up;  // up[v]: values one worsening step above v
    std::vector<option_class> classes;
    double raw_log10 = 0, reduced_log10 = 0;
    std::string raw_text, note;
};

/// Some dimensions of a component, with their own mixed-radix index (in knowledge-base order, so
/// that comparing local indexes compares the component's indexes restricted to these dimensions).
struct block {
    std::vector<int> dims;  // indexes into the component's dims
    std::vector<std::uint64_t> stride;
    std::uint64_t size = 1;
    std::vector<std::uint64_t> offset;   // local index -> its share of the component's index
    std::vector<std::uint8_t> answered;  // local index -> questions it answers
    std::uint64_t base = 0;              // local index of the baseline
    // Parts only, for every separator value s: the level of every combination [s * size + p], and
    // for every level L the fewest answered questions of a combination below L, and where.
    std::vector<std::uint8_t> table;
    std::vector<int> below_cost;         // [s * (levels + 1) + L]
    std::vector<std::uint64_t> below_at;  // local indexes
};

struct component {
    std::vector<int> questions;  // question indexes, in knowledge-base order
    std::vector<const question_domain*> dims;
    std::vector<std::uint64_t> stride;
    std::uint64_t size = 1;
    std::vector<std::uint8_t> table;  // disposition level of every combination (not with a separator)
    // Reduction (d): with a separator, the combinations are enumerated as (separator value, one part).
    bool separated = false;
    block separator;
    std::vector<block> parts;
    std::vector<int> part_of_dim;  // -1: a separator dimension
    // For every level L: the fewest answered questions of a combination below L, and where.
    std::array<int, levels + 1> below_cost{};
    std::array<std::uint64_t, levels + 1> below_at{};
};

struct candidate {
    int cost = std::numeric_limits<int>::max();
    std::uint64_t at = 0, to = 0;
    int dim = -1;
    bool better_than(const candidate& o) const { return cost < o.cost || (cost == o.cost && at < o.at); }
};

constexpr std::uint64_t no_witness = ~std::uint64_t{0};
struct witness {
    int comp = -1;
    std::uint64_t at = no_witness;
    /// Every answer in it counts (none to a question that does not apply), so a person can give it as it is.
    bool counts = false;
    bool found() const { return comp >= 0; }
};

struct accumulators {
    std::uint64_t combinations = 0;
    std::vector<witness> fired, reason, decisive, advice;
    std::array<witness, levels> reached{};
    std::vector<std::string> totality;  // first few totality failures, as text
    std::vector<candidate> floor;       // per flag: the cheapest violating combination of this component
    std::array<int, levels + 1> below_cost{};
    std::array<std::uint64_t, levels + 1> below_at{};
};

class engine {
public:
    engine(const knowledge_base& kb, const policy& p, const options& opt) : kb_(kb), policy_(p), opt_(opt) {
        threads_ = opt.threads ? opt.threads : std::max(1U, std::thread::hardware_concurrency());
    }

    report run() {
        auto start = std::chrono::steady_clock::now();
        report_.threads = threads_;
        resolve_policy();
        if (!report_.violations.empty()) return finish(start);
        build_domains();
        find_dominated();
        find_coupling();
        build_components();
        if (!report_.violations.empty()) return finish(start);
        if (!find_baseline()) return finish(start);
        index_reference_reading();
        for (std::size_t c = 0; c < components_.size(); ++c) enumerate(c);
        if (!report_.violations.empty() && report_.violations.back().kind == property::setup) return finish(start);
        for (std::size_t c = 0; c < components_.size(); ++c) check_monotonicity(c);
        check_floors();
        check_reachability();
        check_dropping();
        return finish(start);
    }

private:
    const knowledge_base& kb_;
    const policy& policy_;
    options opt_;
    unsigned threads_ = 1;
    report report_;
    std::vector<resolved_flag> flags_;
    std::vector<question_domain> domains_;
    std::vector<bool> dominated_;
    std::vector<std::string> dominated_by_;
    std::vector<component> components_;
    std::vector<int> component_of_;
    std::vector<std::vector<int>> links_;  // every set of questions a rule, ask_when or policy clause reads together
    std::vector<int> base_value_;          // the baseline's value index, per question
    std::vector<std::vector<std::size_t>> part_rules_;  // per component: see find_part_rules()
    std::vector<int> rule_part_;                        // the part a part rule reads
    answer_set base_;
    std::vector<std::vector<candidate>> floor_candidates_;  // [flag][component]
    accumulators total_;
    std::mutex merge_;
    // What the reference reading of each rule and ask_when depends on (see reference_state).
    std::uint64_t every_question_ = 0;
    std::vector<std::uint64_t> asked_by_reading_;          // [q]: the questions whose ask_when reads q
    std::vector<std::vector<std::size_t>> rules_reading_;  // [q]: the rules that read q
    std::vector<std::size_t> rules_reading_incomplete_;    // the rules that use "incomplete"
    std::array<std::array<std::uint64_t, max_rules / 64>, levels> rules_at_level_{};

    void fail(property kind, std::string what, std::string detail) {
        report_.violations.push_back({kind, std::move(what), std::move(detail), "{}", "", 0});
    }

    report finish(std::chrono::steady_clock::time_point start) {
        report_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return report_;
    }

    // ---- policy ---------------------------------------------------------------------------------

    void resolve_policy() {
        for (const auto& f : policy_.flags) {
            resolved_flag r{f.id, level_of(f.floor), {}};
            for (const auto& clause : f.clauses) {
                std::vector<resolved_atom> atoms;
                for (const auto& a : clause) {
                    resolved_atom ra;
                    ra.question = kb_.question_index(a.question);
                    ra.kind = a.kind;
                    ra.threshold = a.threshold;
                    if (ra.question < 0) {
                        fail(property::setup, "policy flag '" + f.id + "'", "unknown question '" + a.question + "'");
                        continue;
                    }
                    const question& q = kb_.questions[ra.question];
                    bool numeric = a.kind == policy_atom::test::at_least;
                    if (a.kind != policy_atom::test::unanswered && numeric != (q.type == question_type::number))
                        fail(property::setup, "policy flag '" + f.id + "'", "test does not fit question '" + a.question + "'");
                    for (const auto& o : a.options) {
                        int i = q.option_index(o);
                        if (i < 0) fail(property::setup, "policy flag '" + f.id + "'", "unknown option '" + o + "' of '" + a.question + "'");
                        else ra.mask |= bit(i);
                    }
                    atoms.push_back(ra);
                }
                r.clauses.push_back(std::move(atoms));
            }
            flags_.push_back(std::move(r));
        }
        auto check_question = [&](const std::string& id, const char* list) {
            if (kb_.question_index(id) < 0) fail(property::setup, std::string("policy ") + list, "unknown question '" + id + "'");
        };
        for (const auto& id : policy_.adding) check_question(id, "'adding' list");
        for (const auto& id : policy_.rising) check_question(id, "'rising' list");
        for (const auto& o : policy_.ordered) {
            check_question(o.question, "'ordered' list");
            int q = kb_.question_index(o.question);
            if (q >= 0)
                for (const auto& id : o.mild_to_bad)
                    if (kb_.questions[q].option_index(id) < 0)
                        fail(property::setup, "policy 'ordered' list", "unknown option '" + id + "' of '" + o.question + "'");
        }
    }

    // ---- reductions (a), (b), (c) ---------------------------------------------------------------

    /// Every option mask any condition, ask_when or policy atom uses on question q.
    std::vector<std::uint64_t> masks_of(int q) const {
        std::vector<std::uint64_t> masks;
        auto take = [&](const condition& c) {
            if (c.question != q || !is_choice_test(c)) return;
            masks.push_back(c.options);
            // has_all over several options is not decided by class presence alone: split them.
            if (c.test == condition::kind::has_all)
                for (int i = 0; i < 64; ++i)
                    if (c.options >> i & 1U) masks.push_back(bit(i));
        };
        for (const auto& r : kb_.rules) visit_rule(r, take);
        for (const auto& each : kb_.questions)
            for (const auto& c : each.ask_when) visit(c, take);
        for (const auto& f : flags_)
            for (const auto& clause : f.clauses)
                for (const auto& a : clause)
                    if (a.question == q && a.mask) masks.push_back(a.mask);
        const question& qq = kb_.questions[q];
        for (std::size_t i = 0; i < qq.options.size(); ++i)
            if (qq.exclusive >> i & 1U) masks.push_back(bit(static_cast<int>(i)));
        return masks;
    }

    std::vector<option_class> classes_of(int q) const {
        const question& qq = kb_.questions[q];
        auto masks = masks_of(q);
        std::map<std::vector<bool>, std::size_t> by_signature;
        std::vector<option_class> classes;
        for (std::size_t i = 0; i < qq.options.size(); ++i) {
            std::vector<bool> signature;
            for (auto m : masks) signature.push_back((m >> i & 1U) != 0);
            auto [it, fresh] = by_signature.emplace(signature, classes.size());
            if (fresh) classes.push_back({0, static_cast<int>(i), (qq.exclusive >> i & 1U) != 0, 0, true});
            classes[it->second].members |= bit(static_cast<int>(i));
        }
        return classes;
    }

    /// True when ticking only option `rep` of question q makes condition c true.
    static bool satisfied_alone(const condition& c, int q, int rep) {
        using k = condition::kind;
        if (c.test == k::any) return std::any_of(c.any.begin(), c.any.end(), [&](const condition& e) { return satisfied_alone(e, q, rep); });
        if (c.question != q) return false;
        if (c.test == k::has_any || c.test == k::is_any) return (c.options >> rep & 1U) != 0;
        if (c.test == k::has_all) return c.options == bit(rep);
        return false;
    }
    static bool mentions(const condition& c, int q, std::uint64_t members) {
        bool found = false;
        visit(c, [&](const condition& e) { found = found || (e.question == q && is_choice_test(e) && (e.options & members)); });
        return found;
    }

    void build_domains() {
        domains_.resize(kb_.questions.size());
        // Own levels first: they only read single-condition rules.
        for (int q = 0; q < static_cast<int>(kb_.questions.size()); ++q) {
            domains_[q].question = q;
            if (!is_choice(kb_.questions[q])) continue;
            domains_[q].classes = classes_of(q);
            for (auto& k : domains_[q].classes)
                for (const auto& r : kb_.rules)
                    if (r.when.size() == 1 && satisfied_alone(r.when[0], q, k.rep)) k.own = std::max(k.own, level_of(r.requires_at_least));
        }
    }

    /// A rule of two or more conditions is dominated when one of its conditions can only be met by
    /// options that on their own already fire a rule at least as urgent: it never changes the result.
    void find_dominated() {
        dominated_.assign(kb_.rules.size(), false);
        dominated_by_.assign(kb_.rules.size(), "");
        for (std::size_t r = 0; r < kb_.rules.size(); ++r) {
            const rule& rr = kb_.rules[r];
            if (rr.when.size() < 2) continue;
            for (const auto& c : rr.when) {
                if (c.test != condition::kind::has_any && c.test != condition::kind::is_any) continue;
                bool all = true;
                for (const auto& k : domains_[c.question].classes)
                    if (k.members & c.options) all = all && !k.exclusive && k.own >= level_of(rr.requires_at_least);
                if (all) {
                    dominated_[r] = true;
                    dominated_by_[r] = "whenever it fires, the options of '" + kb_.questions[c.question].id +
                                       "' it needs already fire a rule of at least the same level on their own";
                    break;
                }
            }
        }
    }

    /// Coupled classes: those whose effect depends on other answers, or that the policy or an
    /// ask_when reads more finely than their own level. The others are "free" and merge by level.
    void find_coupling() {
        for (int q = 0; q < static_cast<int>(kb_.questions.size()); ++q) {
            for (auto& k : domains_[q].classes) {
                if (k.exclusive) continue;
                bool coupled = !opt_.collapse;
                for (const auto& each : kb_.questions)
                    for (const auto& c : each.ask_when) coupled = coupled || mentions(c, q, k.members);
                for (std::size_t r = 0; r < kb_.rules.size(); ++r) {
                    const rule& rr = kb_.rules[r];
                    visit_rule(rr, [&](const condition& c) {
                        if (c.test == condition::kind::has_all && __builtin_popcountll(c.options) > 1 && c.question == q && (c.options & k.members))
                            coupled = true;
                    });
                    if (rr.when.size() >= 2 && !dominated_[r] && level_of(rr.requires_at_least) > k.own)
                        for (const auto& c : rr.when) coupled = coupled || mentions(c, q, k.members);
                }
                for (const auto& f : flags_)
                    for (const auto& clause : f.clauses)
                        for (const auto& a : clause)
                            if (a.question == q && (a.mask & k.members) && f.floor > k.own) coupled = true;
                k.coupled = coupled;
            }
            make_values(domains_[q]);
        }
    }

    std::vector<double> thresholds_of(int q) const {
        std::set<double> t;
        auto take = [&](const condition& c) {
            if (c.question == q && (c.test == condition::kind::at_least || c.test == condition::kind::below)) t.insert(c.threshold);
        };
        for (const auto& r : kb_.rules) visit_rule(r, take);
        for (const auto& each : kb_.questions)
            for (const auto& c : each.ask_when) visit(c, take);
        if (kb_.timeline.question == q)
            for (double h : {kb_.timeline.peak_starts_hours, kb_.timeline.peak_ends_hours, kb_.timeline.usually_gone_hours,
                             kb_.timeline.seek_advice_hours})
                t.insert(h);
        for (const auto& f : flags_)
            for (const auto& clause : f.clauses)
                for (const auto& a : clause)
                    if (a.question == q && a.kind == policy_atom::test::at_least) t.insert(a.threshold);
        const question& qq = kb_.questions[q];
        std::vector<double> inside;
        for (double x : t)
            if (x > qq.min && x <= qq.max) inside.push_back(x);
        return inside;
    }

    template <class T>
    static bool contains(const std::vector<T>& list, const T& x) { return std::find(list.begin(), list.end(), x) != list.end(); }

    void make_values(question_domain& d) {
        const question& q = kb_.questions[d.question];
        d.values.push_back(answer{});
        auto answered = [](std::uint64_t options, double number) { return answer{true, options, number}; };
        std::ostringstream note;
        if (q.type == question_type::number) {
            // (b) every interval between thresholds, by both of its ends.
            std::vector<double> cuts = thresholds_of(d.question);
            double low = q.min;
            std::vector<double> ends;
            for (double t : cuts) {
                double high = q.integer ? std::ceil(t) - 1 : std::nextafter(t, -INFINITY);
                ends.push_back(low);
                ends.push_back(high);
                low = q.integer ? std::ceil(t) : t;
            }
            ends.push_back(low);
            ends.push_back(q.max);
            ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
            for (double e : ends) d.values.push_back(answered(0, e));
            double whole = q.max - q.min + 1;
            d.raw_log10 = std::log10(whole + 1);
            d.raw_text = q.integer ? std::to_string(static_cast<long long>(whole)) + " whole numbers"
                                   : "any number from " + std::to_string(static_cast<long long>(q.min)) + " to " +
                                         std::to_string(static_cast<long long>(q.max)) + " (counted as " +
                                         std::to_string(static_cast<long long>(whole)) + " whole " + q.unit + ")";
            note << cuts.size() + 1 << " intervals between thresholds {";
            for (std::size_t i = 0; i < cuts.size(); ++i) note << (i ? ", " : "") << cuts[i];
            note << "}";
            if (contains(policy_.rising, q.id))
                for (std::size_t v = 1; v + 1 < d.values.size(); ++v) link(d, v, v + 1);
        } else if (q.type == question_type::single) {
            std::vector<int> order;  // class index per option, mild to bad
            const ordered_question* ordered = nullptr;
            for (const auto& o : policy_.ordered)
                if (o.question == q.id) ordered = &o;
            std::vector<int> value_of_class(d.classes.size(), -1);
            std::map<int, int> free_value_by_level;
            for (std::size_t k = 0; k < d.classes.size(); ++k) {
                const auto& c = d.classes[k];
                if (ordered || c.coupled) {
                    value_of_class[k] = static_cast<int>(d.values.size());
                    d.values.push_back(answered(bit(c.rep), 0));
                } else if (auto it = free_value_by_level.find(c.own); it != free_value_by_level.end()) {
                    value_of_class[k] = it->second;
                } else {
                    value_of_class[k] = free_value_by_level[c.own] = static_cast<int>(d.values.size());
                    d.values.push_back(answered(bit(c.rep), 0));
                }
            }
            if (ordered) {
                auto value_of = [&](const std::string& id) {
                    int o = q.option_index(id);
                    for (std::size_t k = 0; k < d.classes.size(); ++k)
                        if (d.classes[k].members >> o & 1U) return value_of_class[k];
                    return -1;
                };
                for (std::size_t i = 0; i + 1 < ordered->mild_to_bad.size(); ++i) {
                    int from = value_of(ordered->mild_to_bad[i]), to = value_of(ordered->mild_to_bad[i + 1]);
                    if (from >= 0 && to >= 0 && from != to) link(d, from, to);
                }
            }
            d.raw_log10 = std::log10(static_cast<double>(q.options.size() + 1));
            d.raw_text = std::to_string(q.options.size()) + " options";
            note << d.classes.size() << " option classes";
            if (!free_value_by_level.empty()) note << ", free ones merged by level";
        } else {
            std::vector<int> coupled, free_levels;
            std::map<int, int> free_rep;
            int exclusive = -1;
            for (const auto& c : d.classes) {
                if (c.exclusive) {
                    if (exclusive < 0) exclusive = c.rep;
                } else if (c.coupled) {
                    coupled.push_back(c.rep);
                } else if (!free_rep.count(c.own)) {
                    free_rep[c.own] = c.rep;
                    free_levels.push_back(c.own);
                }
            }
            std::sort(free_levels.begin(), free_levels.end());
            int none_value = -1;
            if (exclusive >= 0) {
                none_value = static_cast<int>(d.values.size());
                d.values.push_back(answered(bit(exclusive), 0));
            }
            const std::size_t subsets = std::size_t{1} << coupled.size(), tops = free_levels.size() + 1;
            std::vector<int> index(subsets * tops, -1);
            for (std::size_t s = 0; s < subsets; ++s)
                for (std::size_t f = 0; f < tops; ++f) {
                    if (s == 0 && f == 0) continue;
                    std::uint64_t options = f ? bit(free_rep[free_levels[f - 1]]) : 0;
                    for (std::size_t i = 0; i < coupled.size(); ++i)
                        if (s >> i & 1U) options |= bit(coupled[i]);
                    index[s * tops + f] = static_cast<int>(d.values.size());
                    d.values.push_back(answered(options, 0));
                }
            if (contains(policy_.adding, q.id)) {
                for (std::size_t s = 0; s < subsets; ++s)
                    for (std::size_t f = 0; f < tops; ++f) {
                        int from = s == 0 && f == 0 ? none_value : index[s * tops + f];
                        if (from < 0) continue;
                        for (std::size_t i = 0; i < coupled.size(); ++i)
                            if (!(s >> i & 1U)) link(d, from, index[(s | (std::size_t{1} << i)) * tops + f]);
                        if (f + 1 < tops) link(d, from, index[s * tops + f + 1]);
                    }
            }
            std::size_t plain = q.options.size() - static_cast<std::size_t>(__builtin_popcountll(q.exclusive));
            double raw = std::pow(2.0, static_cast<double>(plain)) - 1 + (q.exclusive ? 1 : 0) + 1;
            d.raw_log10 = std::log10(raw);
            d.raw_text = std::to_string(static_cast<long long>(raw - 1)) + " answers";
            note << d.classes.size() << " option classes (" << coupled.size() << " coupled, " << free_rep.size() << " free level"
                 << (free_rep.size() == 1 ? "" : "s") << (exclusive >= 0 ? ", 'none'" : "") << ")";
        }
        // After (a) and (b) alone.
        if (q.type == question_type::number) d.reduced_log10 = std::log10(static_cast<double>(d.values.size()));
        else if (q.type == question_type::single) d.reduced_log10 = std::log10(static_cast<double>(d.classes.size() + 1));
        else {
            double plain = 0;
            bool none = false;
            for (const auto& c : d.classes) {
                if (c.exclusive) none = true;
                else plain += 1;
            }
            d.reduced_log10 = std::log10(std::pow(2.0, plain) - 1 + (none ? 1 : 0) + 1);
        }
        d.note = note.str();
    }

    static void link(question_domain& d, std::size_t from, std::size_t to) {
        if (d.up.size() < d.values.size()) d.up.resize(d.values.size());
        d.up[from].push_back(static_cast<std::uint32_t>(to));
    }

    // ---- (c) components ---------------------------------------------------------------------------

    void build_components() {
        const int n = static_cast<int>(kb_.questions.size());
        std::vector<int> parent(n);
        std::iota(parent.begin(), parent.end(), 0);
        std::function<int(int)> root = [&](int x) { return parent[x] == x ? x : parent[x] = root(parent[x]); };
        auto join = [&](int a, int b) { parent[root(a)] = root(b); };
        auto join_all = [&](const std::vector<int>& qs) {
            links_.push_back(qs);
            for (std::size_t i = 1; i < qs.size(); ++i) join(qs[0], qs[i]);
        };
        for (int q = 0; q < n; ++q) {
            std::vector<int> qs{q};
            for (const auto& c : kb_.questions[q].ask_when) visit(c, [&](const condition& e) { if (e.question >= 0) qs.push_back(e.question); });
            if (qs.size() > 1) join_all(qs);
        }
        for (std::size_t r = 0; r < kb_.rules.size(); ++r) {
            const rule& rr = kb_.rules[r];
            if (rr.when.size() < 2 || dominated_[r]) continue;
            std::vector<int> qs;
            bool incomplete = false;
            visit_rule(rr, [&](const condition& c) {
                if (c.question >= 0) qs.push_back(c.question);
                incomplete = incomplete || c.test == condition::kind::incomplete;
            });
            if (incomplete) {
                qs.resize(n);
                std::iota(qs.begin(), qs.end(), 0);
            }
            join_all(qs);
        }
        for (const auto& f : flags_)
            for (const auto& clause : f.clauses) {
                std::vector<int> qs;
                for (const auto& a : clause) qs.push_back(a.question);
                join_all(qs);
            }
        std::map<int, int> index;
        component_of_.assign(n, -1);
        for (int q = 0; q < n; ++q) {
            auto [it, fresh] = index.emplace(root(q), static_cast<int>(components_.size()));
            if (fresh) components_.emplace_back();
            component_of_[q] = it->second;
            components_[it->second].questions.push_back(q);
        }
        for (auto& c : components_) {
            c.stride.assign(c.questions.size(), 1);
            double size = 1;
            for (int i = static_cast<int>(c.questions.size()) - 1; i >= 0; --i) {
                c.dims.push_back(&domains_[c.questions[i]]);
                c.stride[i] = c.size;
                size *= static_cast<double>(domains_[c.questions[i]].values.size());
                c.size *= domains_[c.questions[i]].values.size();
            }
            std::reverse(c.dims.begin(), c.dims.end());
            component_size cs;
            for (int q : c.questions) cs.questions.push_back(kb_.questions[q].id);
            cs.combinations = c.size;
            double assessed = size;
            if (size > 1e18) {
                fail(property::setup, "answer space", "a component has over 1e18 combinations; its index does not fit");
            } else {
                if (opt_.separate) assessed = choose_separator(c, size);
                std::ostringstream why;
                why << "a component is too large to enumerate (" << assessed << " combinations to assess, over 4e9)";
                if (assessed > 4e9) fail(property::setup, "answer space", why.str());
            }
            if (c.separated) {
                for (int d : c.separator.dims) cs.separator.push_back(kb_.questions[c.questions[d]].id);
                cs.separator_values = c.separator.size;
                for (const auto& part : c.parts) {
                    cs.parts.emplace_back();
                    for (int d : part.dims) cs.parts.back().push_back(kb_.questions[c.questions[d]].id);
                    cs.part_sizes.push_back(part.size);
                }
            }
            cs.assessed = static_cast<std::uint64_t>(assessed);
            report_.components.push_back(cs);
        }
        for (const auto& d : domains_) {
            const question& q = kb_.questions[d.question];
            std::ostringstream line;
            line << q.id << ": " << d.raw_text << " + not answered; " << d.note << "; " << d.values.size() << " values enumerated";
            report_.space.push_back(line.str());
            report_.raw_log10 += d.raw_log10;
            report_.reduced_ab_log10 += d.reduced_log10;
        }
    }

    // ---- (d) separators ---------------------------------------------------------------------------

    /// Looks for up to four separator questions whose removal splits component c into independent
    /// parts, so that it is enumerated as (separator value, one part at a time): the number of
    /// answer sets to assess drops from the product to separator values x the sum of the parts.
    /// A separator question may not have an ask_when reading a question outside the separator
    /// (whether it is missing must depend on the separator alone). Returns the count to assess.
    double choose_separator(component& c, double size) {
        const int dims = static_cast<int>(c.questions.size());
        std::vector<int> dim_of(kb_.questions.size(), -1);
        for (int i = 0; i < dims; ++i) dim_of[c.questions[i]] = i;
        std::vector<std::vector<int>> edges;  // the links inside c, as dims
        for (const auto& link : links_) {
            if (link.empty() || dim_of[link[0]] < 0) continue;
            std::vector<int> e;
            for (int q : link) e.push_back(dim_of[q]);
            edges.push_back(e);
        }
        auto values = [&](int d) { return static_cast<double>(c.dims[d]->values.size()); };
        double best = size;
        std::vector<int> best_set;
        std::vector<int> best_group;
        std::vector<int> chosen;
        std::function<void(int)> search = [&](int from) {
            if (!chosen.empty()) {
                std::vector<bool> in(dims, false);
                for (int d : chosen) in[d] = true;
                bool closed = true;
                for (int d : chosen)
                    for (const auto& cond : kb_.questions[c.questions[d]].ask_when)
                        visit(cond, [&](const condition& e) { closed = closed && (e.question < 0 || (dim_of[e.question] >= 0 && in[dim_of[e.question]])); });
                if (closed) {
                    std::vector<int> parent(dims);
                    std::iota(parent.begin(), parent.end(), 0);
                    std::function<int(int)> root = [&](int x) { return parent[x] == x ? x : parent[x] = root(parent[x]); };
                    for (const auto& e : edges) {
                        int first = -1;
                        for (int d : e) {
                            if (in[d]) continue;
                            if (first < 0) first = d;
                            else parent[root(d)] = root(first);
                        }
                    }
                    std::map<int, double> part_size;
                    for (int d = 0; d < dims; ++d)
                        if (!in[d]) {
                            auto [it, fresh] = part_size.emplace(root(d), 1.0);
                            it->second *= values(d);
                        }
                    double separator = 1, sum = 0;
                    for (int d : chosen) separator *= values(d);
                    for (const auto& [r, n] : part_size) sum += n;
                    double cost = separator * sum;
                    if (part_size.size() >= 2 && cost < best) {
                        best = cost;
                        best_set = chosen;
                        best_group.assign(dims, -1);
                        for (int d = 0; d < dims; ++d)
                            if (!in[d]) best_group[d] = root(d);
                    }
                }
            }
            if (chosen.size() == 4) return;
            for (int d = from; d < dims; ++d) {
                chosen.push_back(d);
                search(d + 1);
                chosen.pop_back();
            }
        };
        search(0);
        // Only worth it when it at least halves the work.
        if (best_set.empty() || best > size / 2) return size;
        c.separated = true;
        c.separator.dims = best_set;
        c.part_of_dim.assign(dims, -1);
        std::map<int, int> index;
        for (int d = 0; d < dims; ++d) {
            if (best_group[d] < 0) continue;
            auto [it, fresh] = index.emplace(best_group[d], static_cast<int>(c.parts.size()));
            if (fresh) c.parts.emplace_back();
            c.parts[it->second].dims.push_back(d);
            c.part_of_dim[d] = it->second;
        }
        init_block(c, c.separator);
        for (auto& part : c.parts) init_block(c, part);
        return best;
    }

    static void init_block(const component& c, block& b) {
        b.stride.assign(b.dims.size(), 1);
        b.size = 1;
        for (int i = static_cast<int>(b.dims.size()) - 1; i >= 0; --i) {
            b.stride[i] = b.size;
            b.size *= c.dims[b.dims[i]]->values.size();
        }
        b.offset.assign(b.size, 0);
        b.answered.assign(b.size, 0);
        for (std::uint64_t at = 0; at < b.size; ++at)
            for (std::size_t i = 0; i < b.dims.size(); ++i) {
                std::uint64_t v = at / b.stride[i] % c.dims[b.dims[i]]->values.size();
                b.offset[at] += v * c.stride[b.dims[i]];
                b.answered[at] = static_cast<std::uint8_t>(b.answered[at] + (v != 0));
            }
    }

    /// The local index in block b of the component's combination `at`.
    static std::uint64_t local_of(const component& c, const block& b, std::uint64_t at) {
        std::uint64_t local = 0;
        for (std::size_t i = 0; i < b.dims.size(); ++i) local += at / c.stride[b.dims[i]] % c.dims[b.dims[i]]->values.size() * b.stride[i];
        return local;
    }

    /// The disposition level of the component's combination `at` on its own (the others at the
    /// baseline): the table, or with a separator the most urgent of its parts (verifier.md, (d)).
    int level_at(const component& c, std::uint64_t at) const {
        if (!c.separated) return c.table[at];
        const std::uint64_t s = local_of(c, c.separator, at);
        int level = 0;
        for (const auto& part : c.parts) level = std::max<int>(level, part.table[s * part.size + local_of(c, part, at)]);
        return level;
    }

    // ---- baseline ---------------------------------------------------------------------------------

    /// Answers for every question that on their own give self_care with nothing missing; each
    /// component is enumerated with the others held here, so its result is its own contribution.
    bool find_baseline() {
        base_ = answer_set(kb_.questions.size());
        base_value_.assign(kb_.questions.size(), 1);
        for (auto& d : domains_) base_.by_question[d.question] = d.values[1];
        find_part_rules();
        for (int round = 0; round < 3; ++round)
            for (auto& d : domains_) {
                auto score = [&](std::size_t v) {
                    base_.by_question[d.question] = d.values[v];
                    auto a = assess(kb_, base_);
                    return level_of(a.result) * 10000 + __builtin_popcountll(a.missing) * 100 + armed_part_rules();
                };
                std::size_t best = static_cast<std::size_t>(base_value_[d.question]);
                int best_score = score(best);
                for (std::size_t v = 1; v < d.values.size(); ++v) {
                    int s = score(v);
                    if (s < best_score) best_score = s, best = v;
                }
                base_.by_question[d.question] = d.values[best];
                base_value_[d.question] = static_cast<int>(best);
            }
        for (auto& c : components_) {
            if (!c.separated) continue;
            auto base_of = [&](block& b) {
                b.base = 0;
                for (std::size_t i = 0; i < b.dims.size(); ++i) b.base += static_cast<std::uint64_t>(base_value_[c.questions[b.dims[i]]]) * b.stride[i];
            };
            base_of(c.separator);
            for (auto& part : c.parts) base_of(part);
        }
        auto a = assess(kb_, base_);
        if (a.result != disposition::self_care || a.missing != 0) {
            fail(property::reachability, "self_care",
                 "no answer set answers every question and gets self_care (best found: " + std::string(disposition_id(a.result)) +
                     "); the verifier needs one as its baseline");
            return false;
        }
        report_.notes.push_back("baseline (every question answered, self_care): " + to_json(base_));
        return true;
    }

    /// The rules a part of a separated component answers for: every non-dominated rule of two or
    /// more conditions, more urgent than self_care, that reads a question outside the separator.
    /// With the baseline, none of them may fire whatever the separator is (checked for every value).
    void find_part_rules() {
        part_rules_.assign(components_.size(), {});
        rule_part_.assign(kb_.rules.size(), -1);
        for (std::size_t ci = 0; ci < components_.size(); ++ci) {
            const component& c = components_[ci];
            if (!c.separated) continue;
            for (std::size_t r = 0; r < kb_.rules.size(); ++r) {
                const rule& rr = kb_.rules[r];
                if (rr.when.size() < 2 || dominated_[r] || rr.requires_at_least == disposition::self_care) continue;
                bool outside = false;
                visit_rule(rr, [&](const condition& e) { outside = outside || (e.question >= 0 && !in_separator(c, e.question)); });
                if (!outside) continue;
                part_rules_[ci].push_back(r);
                visit_rule(rr, [&](const condition& e) {
                    if (e.question >= 0 && component_of_[e.question] == static_cast<int>(ci) && !in_separator(c, e.question)) {
                        auto d = std::find(c.questions.begin(), c.questions.end(), e.question) - c.questions.begin();
                        rule_part_[r] = c.part_of_dim[static_cast<std::size_t>(d)];
                    }
                });
            }
        }
    }

    bool in_separator(const component& c, int q) const {
        if (component_of_[q] < 0 || &components_[component_of_[q]] != &c) return false;
        auto it = std::find(c.questions.begin(), c.questions.end(), q);
        return c.part_of_dim[it - c.questions.begin()] < 0;
    }

    /// How many part rules have every condition that does not read the separator true at the
    /// current baseline: the fewer, the fewer separator values can make the baseline fire one.
    int armed_part_rules() const {
        int armed = 0;
        for (std::size_t ci = 0; ci < components_.size(); ++ci)
            for (std::size_t r : part_rules_[ci]) {
                bool all = true;
                for (const auto& cond : kb_.rules[r].when) {
                    bool reads_separator = false;
                    visit(cond, [&](const condition& e) { reads_separator = reads_separator || (e.question >= 0 && in_separator(components_[ci], e.question)); });
                    if (!reads_separator) all = all && reference_holds(cond, base_, false);
                }
                armed += all;
            }
        return armed;
    }

    // ---- enumeration ------------------------------------------------------------------------------

    void index_reference_reading() {
        const std::size_t n = kb_.questions.size();
        every_question_ = n == 64 ? ~std::uint64_t{0} : bit(static_cast<int>(n)) - 1;
        asked_by_reading_.assign(n, 0);
        rules_reading_.assign(n, {});
        rules_reading_incomplete_.clear();
        for (std::size_t q = 0; q < n; ++q)
            for (const auto& c : kb_.questions[q].ask_when)
                visit(c, [&](const condition& e) {
                    if (e.question >= 0) asked_by_reading_[static_cast<std::size_t>(e.question)] |= bit(static_cast<int>(q));
                });
        for (std::size_t r = 0; r < kb_.rules.size(); ++r) {
            std::uint64_t reads = 0;
            bool incomplete = false;
            visit_rule(kb_.rules[r], [&](const condition& e) {
                if (e.question >= 0) reads |= bit(e.question);
                incomplete = incomplete || e.test == condition::kind::incomplete;
            });
            for (; reads != 0; reads &= reads - 1) rules_reading_[static_cast<std::size_t>(__builtin_ctzll(reads))].push_back(r);
            if (incomplete) rules_reading_incomplete_.push_back(r);
            rules_at_level_[static_cast<std::size_t>(level_of(kb_.rules[r].requires_at_least))][r / 64] |= bit(static_cast<int>(r % 64));
        }
    }

    void set_coordinates(const component& c, std::uint64_t at, answer_set& a, std::vector<std::uint32_t>& coord) const {
        coord.resize(c.questions.size());
        for (std::size_t i = 0; i < c.questions.size(); ++i) {
            coord[i] = static_cast<std::uint32_t>(at / c.stride[i] % c.dims[i]->values.size());
            a.by_question[c.questions[i]] = c.dims[i]->values[coord[i]];
        }
    }

    int answered_count(const component& c, std::uint64_t at) const {
        int n = 0;
        for (std::size_t i = 0; i < c.questions.size(); ++i) n += at / c.stride[i] % c.dims[i]->values.size() != 0;
        return n;
    }

    template <class Body>
    void parallel(std::uint64_t size, Body body) {
        std::atomic<std::uint64_t> next{0};
        const std::uint64_t chunk = std::max<std::uint64_t>(1, std::min<std::uint64_t>(1 << 16, size / (threads_ * 8) + 1));
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < threads_; ++t)
            pool.emplace_back([&] {
                for (;;) {
                    std::uint64_t begin = next.fetch_add(chunk);
                    if (begin >= size) break;
                    body(begin, std::min(size, begin + chunk));
                }
            });
        for (auto& t : pool) t.join();
    }

    /// The first witness, preferring one whose answers all count: the report people see is of the answers that
    /// count (issue 15), and the baseline answers some questions that do not apply to every combination.
    static void keep_first(witness& w, int comp, std::uint64_t at, bool counts) {
        if (!w.found() || (counts && !w.counts) || (counts == w.counts && w.comp == comp && at < w.at)) w = {comp, at, counts};
    }

    /// Whether every answer in `a` counts: each answered question's ask_when holds (by the reference reading).
    bool all_answers_count(const answer_set& a) const {
        for (std::size_t q = 0; q < kb_.questions.size(); ++q) {
            if (!a.by_question[q].answered) continue;
            for (const auto& c : kb_.questions[q].ask_when)
                if (!reference_holds(c, a, false)) return false;
        }
        return true;
    }

    /// The reference reading of one answer set, kept between neighbouring combinations of an enumeration:
    /// a rule's reading depends only on the questions it reads (and on "incomplete" when it uses it), an
    /// ask_when's only on the questions it reads, so after a step only the rules and ask_whens that read a
    /// question the step changed are read again. Every combination still gets the whole reference reading.
    struct reference_state {
        std::array<std::uint64_t, max_rules / 64> fired{};  // as assessment::fired
        std::uint64_t applies = 0;                          // bit q: q's ask_when holds
        std::uint64_t answered = 0;
        std::uint64_t missing = 0;
    };

    /// Brings `ref` up to date with `a`, where only the questions in `changed` differ from the answer set it
    /// was last brought to (every_question after any other change).
    void update_reference(reference_state& ref, const answer_set& a, std::uint64_t changed) const {
        std::uint64_t ask_changed = changed == every_question_ ? every_question_ : 0;
        for (std::uint64_t left = changed & every_question_; left != 0; left &= left - 1) {
            const int q = __builtin_ctzll(left);
            ref.answered = (ref.answered & ~bit(q)) | (a.by_question[q].answered ? bit(q) : 0);
            ask_changed |= asked_by_reading_[q];
        }
        for (; ask_changed != 0; ask_changed &= ask_changed - 1) {
            const int q = __builtin_ctzll(ask_changed);
            bool applies = true;
            for (const auto& c : kb_.questions[q].ask_when) applies = applies && reference_holds(c, a, false);
            ref.applies = (ref.applies & ~bit(q)) | (applies ? bit(q) : 0);
        }
        const std::uint64_t missing = ~ref.answered & ref.applies & every_question_;
        const bool incomplete_changed = changed == every_question_ || (missing != 0) != (ref.missing != 0);
        ref.missing = missing;
        auto read_rule = [&](std::size_t r) {
            bool all = true;
            for (const auto& cond : kb_.rules[r].when) all = all && reference_holds(cond, a, missing != 0);
            auto& word = ref.fired[r / 64];
            word = (word & ~bit(static_cast<int>(r % 64))) | (all ? bit(static_cast<int>(r % 64)) : 0);
        };
        if (changed == every_question_) {
            for (std::size_t r = 0; r < kb_.rules.size(); ++r) read_rule(r);
            return;
        }
        for (std::uint64_t left = changed; left != 0; left &= left - 1)
            for (std::size_t r : rules_reading_[static_cast<std::size_t>(__builtin_ctzll(left))]) read_rule(r);
        if (incomplete_changed)
            for (std::size_t r : rules_reading_incomplete_) read_rule(r);
    }

    static bool fired_in(const std::array<std::uint64_t, max_rules / 64>& fired, std::size_t r) { return (fired[r / 64] >> (r % 64) & 1U) != 0; }

    /// Assesses one answer set of component ci (index `at`): totality against the reference
    /// reading (`ref`, brought up to date here: `changed` as for update_reference), and the witnesses
    /// for reachability. Returns the disposition level.
    int assess_one(const answer_set& a, std::size_t ci, std::uint64_t at, accumulators& acc, reference_state& ref, std::uint64_t changed) const {
        const assessment result = opt_.assess(kb_, a);
        ++acc.combinations;
        // Totality: the engine against the reference reading.
        update_reference(ref, a, changed);
        int expected = 0;
        for (int l = levels - 1; l > 0 && expected == 0; --l)
            for (std::size_t w = 0; w < ref.fired.size(); ++w)
                if (ref.fired[w] & rules_at_level_[static_cast<std::size_t>(l)][w]) expected = l;
        const bool same = ref.missing == result.missing && ref.fired == result.fired;
        int got = level_of(result.result);
        if ((!same || got != expected || got < 0 || got >= levels) && acc.totality.size() < 3)
            acc.totality.push_back("engine gave " + std::string(got >= 0 && got < levels ? level_id(got) : "an invalid disposition") +
                                   (same ? "" : " with a different set of fired rules or missing questions") + " where the rules require " +
                                   level_id(expected) + ": " + to_json(a));
        if (got < 0 || got >= levels) got = levels - 1;
        const int comp = static_cast<int>(ci);
        // Every answer counts when each answered question's ask_when holds (by the reference reading).
        const bool counts = (ref.answered & ~ref.applies) == 0;
        keep_first(acc.reached[got], comp, at, counts);
        // Reachability of rules, reasons (as the report shows them) and advice.
        // The advice the report gives, withholdings included, from the core's own function.
        const std::uint64_t advice = given_advice(kb_, a, result);
        int fired_count_at_top = 0, top_rule = -1;
        for (std::size_t w = 0; w < ref.fired.size(); ++w)
            for (std::uint64_t left = ref.fired[w]; left != 0; left &= left - 1) {
                const std::size_t r = w * 64 + static_cast<std::size_t>(__builtin_ctzll(left));
                const int l = level_of(kb_.rules[r].requires_at_least);
                keep_first(acc.fired[r], comp, at, counts);
                if ((l != 0) == (got != 0)) keep_first(acc.reason[r], comp, at, counts);
                if (l == got && got > 0) ++fired_count_at_top, top_rule = static_cast<int>(r);
            }
        if (fired_count_at_top == 1) keep_first(acc.decisive[top_rule], comp, at, counts);
        for (std::uint64_t left = advice; left != 0; left &= left - 1) keep_first(acc.advice[static_cast<std::size_t>(__builtin_ctzll(left))], comp, at, counts);
        return got;
    }

    accumulators fresh_accumulators() const {
        accumulators acc;
        acc.fired.assign(kb_.rules.size(), {});
        acc.reason.assign(kb_.rules.size(), {});
        acc.decisive.assign(kb_.rules.size(), {});
        acc.advice.assign(kb_.advice.size(), {});
        acc.floor.assign(flags_.size(), {});
        acc.below_cost.fill(std::numeric_limits<int>::max());
        return acc;
    }

    /// Which flags read component ci; the ones that do not get cost -1 ("any background will do").
    std::vector<bool> flags_reading(std::size_t ci) {
        if (floor_candidates_.empty()) floor_candidates_.assign(flags_.size(), std::vector<candidate>(components_.size()));
        std::vector<bool> touched(flags_.size(), false);
        for (std::size_t f = 0; f < flags_.size(); ++f)
            for (const auto& clause : flags_[f].clauses)
                if (!clause.empty() && component_of_[clause[0].question] == static_cast<int>(ci)) touched[f] = true;
        for (std::size_t f = 0; f < flags_.size(); ++f)
            if (!touched[f]) floor_candidates_[f][ci].cost = -1;
        return touched;
    }

    void enumerate(std::size_t ci) {
        if (components_[ci].separated) return enumerate_separated(ci);
        component& c = components_[ci];
        c.table.assign(c.size, 0);
        c.below_cost.fill(std::numeric_limits<int>::max());
        c.below_at.fill(0);
        // The flags that read this component, with each clause as truth tables over the values.
        struct local_clause { std::vector<std::pair<std::size_t, std::vector<char>>> atoms; };
        struct local_flag { std::size_t flag; std::vector<local_clause> clauses; };
        std::vector<local_flag> local;
        for (std::size_t f = 0; f < flags_.size(); ++f) {
            local_flag lf{f, {}};
            for (const auto& clause : flags_[f].clauses) {
                if (clause.empty() || component_of_[clause[0].question] != static_cast<int>(ci)) continue;
                local_clause lc;
                for (const auto& a : clause) {
                    std::size_t dim = std::find(c.questions.begin(), c.questions.end(), a.question) - c.questions.begin();
                    std::vector<char> truth;
                    for (const auto& v : c.dims[dim]->values) truth.push_back(a.holds(v));
                    lc.atoms.emplace_back(dim, std::move(truth));
                }
                lf.clauses.push_back(std::move(lc));
            }
            if (!lf.clauses.empty()) local.push_back(std::move(lf));
        }
        flags_reading(ci);

        parallel(c.size, [&](std::uint64_t begin, std::uint64_t end) {
            accumulators acc = fresh_accumulators();
            answer_set a = base_;
            std::vector<std::uint32_t> coord;
            set_coordinates(c, begin, a, coord);
            reference_state ref;
            std::uint64_t changed = every_question_;
            for (std::uint64_t at = begin; at < end; ++at) {
                const int got = assess_one(a, ci, at, acc, ref, changed);
                changed = 0;
                c.table[at] = static_cast<std::uint8_t>(got);
                // Backgrounds and red-flag floors.
                int answered = 0;
                for (auto v : coord) answered += v != 0;
                for (int l = got + 1; l <= levels; ++l)
                    if (answered < acc.below_cost[l]) acc.below_cost[l] = answered, acc.below_at[l] = at;
                for (const auto& lf : local) {
                    if (got >= flags_[lf.flag].floor) continue;
                    bool all = true;
                    for (const auto& lc : lf.clauses) {
                        bool any = false;
                        for (const auto& [dim, truth] : lc.atoms) any = any || truth[coord[dim]];
                        all = all && any;
                    }
                    candidate here{answered, at, 0, -1};
                    if (all && here.better_than(acc.floor[lf.flag])) acc.floor[lf.flag] = here;
                }
                // Next combination: odometer over the component's questions.
                for (int i = static_cast<int>(coord.size()) - 1; i >= 0; --i) {
                    changed |= bit(c.questions[i]);
                    if (++coord[i] < c.dims[i]->values.size()) {
                        a.by_question[c.questions[i]] = c.dims[i]->values[coord[i]];
                        break;
                    }
                    coord[i] = 0;
                    a.by_question[c.questions[i]] = c.dims[i]->values[0];
                }
            }
            std::lock_guard<std::mutex> lock(merge_);
            merge(ci, acc);
        });
        for (auto& t : total_.totality) fail(property::totality, "assess", t);
        total_.totality.clear();
    }

    /// Reduction (d): for every separator value s, each part in turn, the other parts at the
    /// baseline. Fills the parts' tables and, per s, composes the component's cheapest
    /// backgrounds and floor candidates from the parts' (verifier.md explains why that is exact).
    void enumerate_separated(std::size_t ci) {
        component& c = components_[ci];
        c.below_cost.fill(std::numeric_limits<int>::max());
        c.below_at.fill(0);
        for (auto& part : c.parts) {
            part.table.assign(c.separator.size * part.size, 0);
            part.below_cost.assign(c.separator.size * (levels + 1), std::numeric_limits<int>::max());
            part.below_at.assign(c.separator.size * (levels + 1), 0);
        }
        // Each clause of a flag reads the separator and at most one part: -1 the separator only,
        // -2 another component, else the part.
        const std::vector<bool> touched = flags_reading(ci);
        std::vector<std::vector<int>> clause_part(flags_.size());
        for (std::size_t f = 0; f < flags_.size(); ++f)
            for (const auto& clause : flags_[f].clauses) {
                int where = -2;
                for (const auto& atom : clause) {
                    if (component_of_[atom.question] != static_cast<int>(ci)) continue;
                    int d = static_cast<int>(std::find(c.questions.begin(), c.questions.end(), atom.question) - c.questions.begin());
                    if (where == -2) where = -1;
                    if (c.part_of_dim[d] >= 0) where = c.part_of_dim[d];
                }
                clause_part[f].push_back(where);
            }
        // Per part, the flags with a clause in it: a part's floor candidates are only read for those.
        std::vector<std::vector<std::size_t>> flags_of_part(c.parts.size());
        for (std::size_t f = 0; f < flags_.size(); ++f)
            for (std::size_t pi = 0; pi < c.parts.size(); ++pi)
                if (touched[f] && std::find(clause_part[f].begin(), clause_part[f].end(), static_cast<int>(pi)) != clause_part[f].end())
                    flags_of_part[pi].push_back(f);
        auto clauses_hold = [&](std::size_t f, int where, const answer_set& a) {
            for (std::size_t k = 0; k < flags_[f].clauses.size(); ++k) {
                if (clause_part[f][k] != where) continue;
                bool any = false;
                for (const auto& atom : flags_[f].clauses[k]) any = any || atom.holds(a.by_question[atom.question]);
                if (!any) return false;
            }
            return true;
        };
        std::uint64_t base_offset = 0;
        for (const auto& part : c.parts) base_offset += part.offset[part.base];
        const int big = std::numeric_limits<int>::max();
        std::atomic<bool> neutral{true};
        std::string not_neutral;

        parallel(c.separator.size, [&](std::uint64_t begin, std::uint64_t end) {
            accumulators acc = fresh_accumulators();
            reference_state ref;
            std::vector<candidate> part_floor(flags_.size() * c.parts.size());
            for (std::uint64_t s = begin; s < end; ++s) {
                answer_set a = base_;
                for (std::size_t i = 0; i < c.separator.dims.size(); ++i) {
                    int d = c.separator.dims[i];
                    a.by_question[c.questions[d]] = c.dims[d]->values[s / c.separator.stride[i] % c.dims[d]->values.size()];
                }
                // The baseline must be neutral for this s: a rule a part answers for that fires on the
                // baseline must fire on every combination of that part (it then depends on s alone).
                const bool incomplete = reference_missing(kb_, a) != 0;
                std::vector<std::size_t> on_baseline;
                std::vector<char> everywhere;
                for (std::size_t r : part_rules_[ci]) {
                    bool all = true;
                    for (const auto& cond : kb_.rules[r].when) all = all && reference_holds(cond, a, incomplete);
                    if (all) on_baseline.push_back(r), everywhere.push_back(1);
                }
                std::fill(part_floor.begin(), part_floor.end(), candidate{});
                for (std::size_t pi = 0; pi < c.parts.size(); ++pi) {
                    block& part = c.parts[pi];
                    const std::uint64_t rest = c.separator.offset[s] + base_offset - part.offset[part.base];
                    std::vector<std::uint32_t> coord(part.dims.size(), 0);
                    for (int d : part.dims) a.by_question[c.questions[d]] = c.dims[d]->values[0];
                    int* below_cost = &part.below_cost[s * (levels + 1)];
                    std::uint64_t* below_at = &part.below_at[s * (levels + 1)];
                    std::uint64_t changed = every_question_;  // the separator, and the part before, changed
                    for (std::uint64_t p = 0; p < part.size; ++p) {
                        const int got = assess_one(a, ci, rest + part.offset[p], acc, ref, changed);
                        changed = 0;
                        for (std::size_t k = 0; k < on_baseline.size(); ++k)
                            if (rule_part_[on_baseline[k]] == static_cast<int>(pi))
                                everywhere[k] = static_cast<char>(everywhere[k] != 0 && fired_in(ref.fired, on_baseline[k]));
                        part.table[s * part.size + p] = static_cast<std::uint8_t>(got);
                        const int answered = part.answered[p];
                        for (int l = got + 1; l <= levels; ++l)
                            if (answered < below_cost[l]) below_cost[l] = answered, below_at[l] = p;
                        for (std::size_t f : flags_of_part[pi]) {
                            if (got >= flags_[f].floor) continue;
                            candidate& best = part_floor[f * c.parts.size() + pi];
                            if (answered < best.cost && clauses_hold(f, static_cast<int>(pi), a)) best = {answered, p, 0, -1};
                        }
                        for (int i = static_cast<int>(coord.size()) - 1; i >= 0; --i) {
                            const int d = part.dims[i];
                            changed |= bit(c.questions[d]);
                            if (++coord[i] < c.dims[d]->values.size()) {
                                a.by_question[c.questions[d]] = c.dims[d]->values[coord[i]];
                                break;
                            }
                            coord[i] = 0;
                            a.by_question[c.questions[d]] = c.dims[d]->values[0];
                        }
                    }
                    for (int d : part.dims) a.by_question[c.questions[d]] = c.dims[d]->values[static_cast<std::size_t>(base_value_[c.questions[d]])];
                }
                for (std::size_t k = 0; k < on_baseline.size(); ++k)
                    if (!everywhere[k] && neutral.exchange(false)) {
                        std::lock_guard<std::mutex> lock(merge_);
                        not_neutral = "rule '" + kb_.rules[on_baseline[k]].id + "' fires on the baseline of its part, but not on every combination of it, when " + to_json(a);
                    }
                // The component's cheapest combination below each level: every part below it.
                for (int l = 0; l <= levels; ++l) {
                    int cost = c.separator.answered[s];
                    std::uint64_t at = c.separator.offset[s];
                    for (const auto& part : c.parts) {
                        const std::size_t k = s * (levels + 1) + static_cast<std::size_t>(l);
                        if (part.below_cost[k] == big) cost = big;
                        if (cost == big) break;
                        cost += part.below_cost[k];
                        at += part.offset[part.below_at[k]];
                    }
                    if (cost != big && (cost < acc.below_cost[l] || (cost == acc.below_cost[l] && at < acc.below_at[l])))
                        acc.below_cost[l] = cost, acc.below_at[l] = at;
                }
                // Floors: the separator's clauses hold at s, and every part has a combination meeting its
                // clauses below the floor (a part no clause reads: its cheapest below the floor).
                for (std::size_t f = 0; f < flags_.size(); ++f) {
                    if (!touched[f] || !clauses_hold(f, -1, a)) continue;
                    const int floor = flags_[f].floor;
                    int cost = c.separator.answered[s];
                    std::uint64_t at = c.separator.offset[s];
                    for (std::size_t pi = 0; pi < c.parts.size() && cost != big; ++pi) {
                        const block& part = c.parts[pi];
                        bool read = std::find(clause_part[f].begin(), clause_part[f].end(), static_cast<int>(pi)) != clause_part[f].end();
                        const std::size_t k = s * (levels + 1) + static_cast<std::size_t>(floor);
                        int here = read ? part_floor[f * c.parts.size() + pi].cost : part.below_cost[k];
                        if (here == big) {
                            cost = big;
                            break;
                        }
                        cost += here;
                        at += part.offset[read ? part_floor[f * c.parts.size() + pi].at : part.below_at[k]];
                    }
                    candidate here{cost, at, 0, -1};
                    if (cost != big && here.better_than(acc.floor[f])) acc.floor[f] = here;
                }
            }
            std::lock_guard<std::mutex> lock(merge_);
            merge(ci, acc);
        });
        for (auto& t : total_.totality) fail(property::totality, "assess", t);
        total_.totality.clear();
        if (!neutral) fail(property::setup, "separator of component " + std::to_string(ci), "the baseline is not neutral: " + not_neutral);
    }

    void merge(std::size_t ci, const accumulators& acc) {
        component& c = components_[ci];
        total_.combinations += acc.combinations;
        auto merge_list = [&](std::vector<witness>& into, const std::vector<witness>& from) {
            if (into.size() < from.size()) into.resize(from.size());
            for (std::size_t i = 0; i < from.size(); ++i)
                if (from[i].found()) keep_first(into[i], from[i].comp, from[i].at, from[i].counts);
        };
        merge_list(total_.fired, acc.fired);
        merge_list(total_.reason, acc.reason);
        merge_list(total_.decisive, acc.decisive);
        merge_list(total_.advice, acc.advice);
        for (int l = 0; l < levels; ++l)
            if (acc.reached[l].found()) keep_first(total_.reached[l], acc.reached[l].comp, acc.reached[l].at, acc.reached[l].counts);
        for (const auto& t : acc.totality)
            if (total_.totality.size() < 3) total_.totality.push_back(t);
        for (int l = 0; l <= levels; ++l)
            if (acc.below_cost[l] < c.below_cost[l] || (acc.below_cost[l] == c.below_cost[l] && acc.below_at[l] < c.below_at[l]))
                c.below_cost[l] = acc.below_cost[l], c.below_at[l] = acc.below_at[l];
        for (std::size_t f = 0; f < flags_.size(); ++f) {
            auto& best = floor_candidates_[f][ci];
            if (best.cost >= 0 && acc.floor[f].dim == -1 && acc.floor[f].cost != std::numeric_limits<int>::max() && acc.floor[f].better_than(best))
                best = acc.floor[f];
        }
    }

    // ---- counterexamples ---------------------------------------------------------------------------

    /// The combination `at` of component ci, with every other component at its cheapest answers
    /// below `level` (so that the whole answer set stays below `level`).
    bool compose(std::size_t ci, std::uint64_t at, int level, answer_set& a, int& answered) const {
        a = base_;
        answered = 0;
        std::vector<std::uint32_t> coord;
        for (std::size_t cj = 0; cj < components_.size(); ++cj) {
            const component& c = components_[cj];
            std::uint64_t where = at;
            if (cj != ci) {
                if (c.below_cost[level] == std::numeric_limits<int>::max()) return false;
                where = c.below_at[level];
            }
            set_coordinates(c, where, a, coord);
            answered += answered_count(c, where);
        }
        return true;
    }

    int background_cost(std::size_t ci, int level) const {
        int cost = 0;
        for (std::size_t cj = 0; cj < components_.size(); ++cj) {
            if (cj == ci) continue;
            if (components_[cj].below_cost[level] == std::numeric_limits<int>::max()) return -1;
            cost += components_[cj].below_cost[level];
        }
        return cost;
    }

    void check_monotonicity(std::size_t ci) {
        const component& c = components_[ci];
        std::vector<candidate> best(c.questions.size());
        std::atomic<std::uint64_t> comparisons{0};
        std::array<int, levels + 1> background{};
        for (int l = 0; l <= levels; ++l) background[l] = background_cost(ci, l);
        if (c.separated) separated_monotonicity(ci, background, best, comparisons);
        else parallel(c.size, [&](std::uint64_t begin, std::uint64_t end) {
            std::vector<candidate> local(c.questions.size());
            std::vector<std::uint32_t> coord(c.questions.size());
            for (std::size_t i = 0; i < coord.size(); ++i) coord[i] = static_cast<std::uint32_t>(begin / c.stride[i] % c.dims[i]->values.size());
            std::uint64_t compared = 0;
            for (std::uint64_t at = begin; at < end; ++at) {
                const int from = c.table[at];
                for (std::size_t i = 0; i < coord.size(); ++i) {
                    const auto& up = c.dims[i]->up;
                    if (coord[i] >= up.size()) continue;
                    for (auto v : up[coord[i]]) {
                        std::uint64_t to = at + (static_cast<std::uint64_t>(v) - coord[i]) * c.stride[i];
                        ++compared;
                        if (c.table[to] >= from || background[from] < 0) continue;
                        int answered = 0;
                        for (auto x : coord) answered += x != 0;
                        candidate here{answered + background[from], at, to, static_cast<int>(i)};
                        if (here.better_than(local[i])) local[i] = here;
                    }
                }
                for (int i = static_cast<int>(coord.size()) - 1; i >= 0; --i) {
                    if (++coord[i] < c.dims[i]->values.size()) break;
                    coord[i] = 0;
                }
            }
            comparisons += compared;
            std::lock_guard<std::mutex> lock(merge_);
            for (std::size_t i = 0; i < local.size(); ++i)
                if (local[i].dim >= 0 && local[i].better_than(best[i])) best[i] = local[i];
        });
        report_.comparisons += comparisons;
        for (const auto& b : best) {
            if (b.dim < 0) continue;
            const int from = level_at(c, b.at), to = level_at(c, b.to);
            answer_set before, after;
            int answered = 0, ignored = 0;
            compose(ci, b.at, from, before, answered);
            compose(ci, b.to, from, after, ignored);
            auto confirm_before = assess(kb_, before).result, confirm_after = assess(kb_, after).result;
            const std::string& id = kb_.questions[c.questions[b.dim]].id;
            violation v{property::monotonicity, "worsening '" + id + "'",
                        std::string("went from ") + level_id(from) + " to " + level_id(to) + " (whole answer set: " +
                            disposition_id(confirm_before) + " -> " + disposition_id(confirm_after) + ")",
                        to_json(before), to_json(after), answered};
            report_.violations.push_back(v);
        }
    }

    /// Monotonicity with a separator (verifier.md, (d)). A step inside a part P with s fixed drops
    /// the result exactly when P's table drops; the cheapest such pair takes each other part at its
    /// cheapest combination below the level before the step. A step s -> s' of a separator question
    /// drops it for some combination exactly when, for some level L, one part has a combination at L
    /// under s and below L under s' and every other part one at most L under s and below L under s'.
    void separated_monotonicity(std::size_t ci, const std::array<int, levels + 1>& background, std::vector<candidate>& best,
                                std::atomic<std::uint64_t>& comparisons) {
        const component& c = components_[ci];
        const int big = std::numeric_limits<int>::max();
        const std::size_t parts = c.parts.size();
        parallel(c.separator.size, [&](std::uint64_t begin, std::uint64_t end) {
            std::vector<candidate> local(c.questions.size());
            std::uint64_t compared = 0;
            std::vector<int> c0(parts), c1(parts);
            std::vector<std::uint64_t> c0_at(parts), c1_at(parts);
            std::vector<std::uint32_t> coord;
            for (std::uint64_t s = begin; s < end; ++s) {
                auto below = [&](std::size_t pi, std::uint64_t sep, int l) {
                    const std::size_t k = sep * (levels + 1) + static_cast<std::size_t>(l);
                    return std::make_pair(c.parts[pi].below_cost[k], c.parts[pi].below_at[k]);
                };
                // Steps inside one part, s fixed.
                for (std::size_t pi = 0; pi < parts; ++pi) {
                    const block& part = c.parts[pi];
                    const std::uint8_t* table = &part.table[s * part.size];
                    coord.assign(part.dims.size(), 0);  // p's values, by odometer (no division per pair)
                    for (std::uint64_t p = 0; p < part.size; ++p) {
                        if (p > 0)
                            for (int i = static_cast<int>(coord.size()) - 1; i >= 0; --i) {
                                if (++coord[static_cast<std::size_t>(i)] < c.dims[part.dims[static_cast<std::size_t>(i)]]->values.size()) break;
                                coord[static_cast<std::size_t>(i)] = 0;
                            }
                        const int from = table[p];
                        for (std::size_t i = 0; i < part.dims.size(); ++i) {
                            const auto& up = c.dims[part.dims[i]]->up;
                            const std::uint32_t v = coord[i];
                            if (v >= up.size()) continue;
                            for (auto w : up[v]) {
                                const std::uint64_t to = p + (static_cast<std::uint64_t>(w) - v) * part.stride[i];
                                ++compared;
                                if (table[to] >= from || background[from] < 0) continue;
                                int cost = c.separator.answered[s] + part.answered[p] + background[from];
                                std::uint64_t at = c.separator.offset[s] + part.offset[p];
                                for (std::size_t q = 0; q < parts; ++q) {
                                    if (q == pi) continue;
                                    auto [bc, ba] = below(q, s, from);  // finite: the baseline is at the separator's own level
                                    cost += bc;
                                    at += c.parts[q].offset[ba];
                                }
                                candidate here{cost, at, at - part.offset[p] + part.offset[to], part.dims[i]};
                                if (here.better_than(local[part.dims[i]])) local[part.dims[i]] = here;
                            }
                        }
                    }
                }
                // Steps of a separator question.
                for (std::size_t i = 0; i < c.separator.dims.size(); ++i) {
                    const int dim = c.separator.dims[i];
                    const auto& up = c.dims[dim]->up;
                    const auto v = static_cast<std::uint32_t>(s / c.separator.stride[i] % c.dims[dim]->values.size());
                    if (v >= up.size()) continue;
                    for (auto w : up[v]) {
                        const std::uint64_t s2 = s + (static_cast<std::uint64_t>(w) - v) * c.separator.stride[i];
                        bool drops = false;
                        for (const auto& part : c.parts) {
                            const std::uint8_t* before = &part.table[s * part.size];
                            const std::uint8_t* after = &part.table[s2 * part.size];
                            // Without a branch per pair, so that it vectorises; the answer is the same.
                            std::uint8_t any = 0;
                            for (std::uint64_t p = 0; p < part.size; ++p) any = static_cast<std::uint8_t>(any | static_cast<std::uint8_t>(after[p] < before[p]));
                            drops = drops || any != 0;
                            compared += part.size;
                        }
                        if (!drops) continue;
                        for (int l = 1; l < levels; ++l) {
                            if (background[l] < 0) continue;
                            for (std::size_t pi = 0; pi < parts; ++pi) {
                                const block& part = c.parts[pi];
                                const std::uint8_t* before = &part.table[s * part.size];
                                const std::uint8_t* after = &part.table[s2 * part.size];
                                c0[pi] = c1[pi] = big;
                                for (std::uint64_t p = 0; p < part.size; ++p) {
                                    if (after[p] >= l || before[p] > l) continue;
                                    if (part.answered[p] < c0[pi]) c0[pi] = part.answered[p], c0_at[pi] = p;
                                    if (before[p] == l && part.answered[p] < c1[pi]) c1[pi] = part.answered[p], c1_at[pi] = p;
                                }
                            }
                            for (std::size_t top = 0; top < parts; ++top) {
                                if (c1[top] == big) continue;
                                int cost = c.separator.answered[s] + background[l];
                                std::uint64_t at = c.separator.offset[s];
                                for (std::size_t pi = 0; pi < parts && cost != big; ++pi) {
                                    const int here = pi == top ? c1[pi] : c0[pi];
                                    if (here == big) cost = big;
                                    else cost += here, at += c.parts[pi].offset[pi == top ? c1_at[pi] : c0_at[pi]];
                                }
                                if (cost == big) continue;
                                candidate here{cost, at, at - c.separator.offset[s] + c.separator.offset[s2], dim};
                                if (here.better_than(local[dim])) local[dim] = here;
                            }
                        }
                    }
                }
            }
            comparisons += compared;
            std::lock_guard<std::mutex> lock(merge_);
            for (std::size_t i = 0; i < local.size(); ++i)
                if (local[i].dim >= 0 && local[i].better_than(best[i])) best[i] = local[i];
        });
    }

    void check_floors() {
        for (std::size_t f = 0; f < flags_.size(); ++f) {
            const auto& flag = flags_[f];
            bool violated = true;
            for (std::size_t ci = 0; ci < components_.size(); ++ci) {
                const auto& cand = floor_candidates_[f][ci];
                if (cand.cost == -1) continue;
                violated = violated && cand.cost != std::numeric_limits<int>::max();
            }
            if (!violated) continue;
            answer_set a = base_;
            int answered = 0;
            std::vector<std::uint32_t> coord;
            bool ok = true;
            for (std::size_t ci = 0; ci < components_.size(); ++ci) {
                const component& c = components_[ci];
                const auto& cand = floor_candidates_[f][ci];
                std::uint64_t where = cand.cost == -1 ? c.below_at[flag.floor] : cand.at;
                if (cand.cost == -1 && c.below_cost[flag.floor] == std::numeric_limits<int>::max()) ok = false;
                set_coordinates(c, where, a, coord);
                answered += answered_count(c, where);
            }
            if (!ok) continue;
            auto got = assess(kb_, a).result;
            report_.violations.push_back({property::floor, "flag '" + flag.id + "'",
                                          std::string("requires at least ") + level_id(flag.floor) + ", got " + disposition_id(got),
                                          to_json(a), "", answered});
        }
    }

    // ---- reachability ------------------------------------------------------------------------------

    answer_set witness_answers(const witness& w) const {
        answer_set a = base_;
        std::vector<std::uint32_t> coord;
        set_coordinates(components_[w.comp], w.at, a, coord);
        return a;
    }

    /// Answers built from a rule's own conditions on top of the baseline (for options the
    /// enumeration merged away).
    answer_set build_witness(const rule& r) const {
        answer_set a = base_;
        std::function<void(const condition&)> apply = [&](const condition& c) {
            using k = condition::kind;
            if (c.test == k::any) return apply(c.any[0]);
            if (c.test == k::incomplete) {
                for (std::size_t q = kb_.questions.size(); q-- > 0;) {
                    bool used = false;
                    for (const auto& other : r.when) visit(other, [&](const condition& e) { used = used || e.question == static_cast<int>(q); });
                    if (!used && kb_.questions[q].ask_when.empty()) {
                        a.by_question[q] = answer{};
                        return;
                    }
                }
                return;
            }
            answer& v = a.by_question[c.question];
            const question& q = kb_.questions[c.question];
            if (c.test == k::unanswered) {
                v = answer{};
                return;
            }
            if (!v.answered || (v.options & q.exclusive) || q.type == question_type::single) v = answer{true, 0, q.min};
            v.answered = true;
            if (c.test == k::has_any || c.test == k::is_any) v.options |= c.options & (~c.options + 1);
            if (c.test == k::has_all) v.options |= c.options;
            if (c.test == k::at_least) v.number = std::max(v.number, c.threshold);
            if (c.test == k::below && v.number >= c.threshold) v.number = q.integer ? std::ceil(c.threshold) - 1 : std::nextafter(c.threshold, -INFINITY);
        };
        for (const auto& c : r.when) apply(c);
        return a;
    }

    void check_reachability() {
        checker json_checker(kb_);
        report_.combinations = total_.combinations;
        total_.fired.resize(kb_.rules.size());
        total_.reason.resize(kb_.rules.size());
        total_.decisive.resize(kb_.rules.size());
        total_.advice.resize(kb_.advice.size());
        // Rules the enumeration never fired (their options were merged): a witness from their conditions.
        std::vector<answer_set> extra;
        for (std::size_t r = 0; r < kb_.rules.size(); ++r) {
            if (total_.fired[r].found() && total_.reason[r].found() && (kb_.rules[r].requires_at_least == disposition::self_care || total_.decisive[r].found()))
                continue;
            answer_set a = build_witness(kb_.rules[r]);
            ++report_.witnesses;
            auto result = assess(kb_, a);
            if (!result.rule_fired(r)) continue;
            extra.push_back(a);
            int got = level_of(result.result), top = 0, l = level_of(kb_.rules[r].requires_at_least);
            for (std::size_t s = 0; s < kb_.rules.size(); ++s)
                if (result.rule_fired(s) && level_of(kb_.rules[s].requires_at_least) == got) ++top;
            const witness w{-1 - static_cast<int>(extra.size() - 1), 0, all_answers_count(a)};  // negative: index into extra
            if (!total_.fired[r].found()) total_.fired[r] = w;
            if (!total_.reason[r].found() && (l != 0) == (got != 0)) total_.reason[r] = w;
            if (!total_.decisive[r].found() && l == got && got > 0 && top == 1) total_.decisive[r] = w;
            const std::uint64_t advice = given_advice(kb_, a, result);
            for (std::size_t i = 0; i < kb_.advice.size(); ++i)
                if ((advice >> i & 1U) && !total_.advice[i].found()) total_.advice[i] = w;
        }
        auto answers_of = [&](const witness& w) { return w.comp >= 0 ? witness_answers(w) : extra[static_cast<std::size_t>(-1 - w.comp)]; };
        auto found = [](const witness& w) { return w.comp != -1 || w.at != no_witness; };
        // Cross-check each witness through the JSON report people actually see.
        auto rendered = [&](const answer_set& a) { return json::parse(json_checker.assess_json(to_json(a)))["result"]; };
        for (int l = 0; l < levels; ++l) {
            if (!found(total_.reached[l])) {
                fail(property::reachability, std::string("disposition '") + level_id(l) + "'", "no combination leads to it");
                continue;
            }
            auto r = rendered(answers_of(total_.reached[l]));
            if (r["disposition"]["id"] != level_id(l))
                fail(property::reachability, std::string("disposition '") + level_id(l) + "'", "the JSON report disagrees with assess()");
        }
        for (std::size_t i = 0; i < kb_.rules.size(); ++i) {
            const std::string id = kb_.rules[i].id;
            if (!found(total_.fired[i])) {
                fail(property::reachability, "rule '" + id + "'", "never fires: a dead rule");
                continue;
            }
            if (!found(total_.reason[i])) {
                fail(property::reachability, "reason of rule '" + id + "'", "fires, but its reason is never shown (a more urgent rule always fires with it)");
            } else {
                auto r = rendered(answers_of(total_.reason[i]));
                bool shown = false;
                for (const auto& each : r["reasons"]) shown = shown || each["rule"] == id;
                if (!shown) fail(property::reachability, "reason of rule '" + id + "'", "expected in the JSON report for " + to_json(answers_of(total_.reason[i])));
            }
            if (kb_.rules[i].requires_at_least != disposition::self_care && !found(total_.decisive[i]))
                report_.shadowed.push_back(id + ": fires, but never alone decides the disposition" +
                                           (dominated_[i] ? " (" + dominated_by_[i] + ")" : std::string()));
        }
        for (std::size_t i = 0; i < kb_.advice.size(); ++i) {
            const std::string id = kb_.advice[i].id;
            if (!found(total_.advice[i])) {
                fail(property::reachability, "advice '" + id + "'", "never given");
                continue;
            }
            auto r = rendered(answers_of(total_.advice[i]));
            bool shown = false;
            for (const auto& each : r["advice"]) shown = shown || each["id"] == id;
            if (!shown) fail(property::reachability, "advice '" + id + "'", "expected in the JSON report for " + to_json(answers_of(total_.advice[i])));
        }
    }

public:
    // ---- answer dropping (issue 15) ---------------------------------------------------------------

    /// The reference reading of which answers count: in question order, an answer to a question whose ask_when
    /// does not hold for the answers kept so far is dropped (an ask_when reads only earlier questions).
    std::uint64_t reference_drop(answer_set& a) const {
        std::uint64_t dropped = 0;
        for (std::size_t q = 0; q < kb_.questions.size(); ++q) {
            if (!a.by_question[q].answered) continue;
            bool applies = true;
            for (const auto& c : kb_.questions[q].ask_when) applies = applies && reference_holds(c, a, false);
            if (applies) continue;
            a.by_question[q] = answer{};
            a.conflicts &= ~bit(static_cast<int>(q));
            dropped |= bit(static_cast<int>(q));
        }
        return dropped;
    }

    /// What a person is shown for `a`: the dropping under test, then the assessment and its advice.
    struct shown_result {
        std::uint64_t dropped = 0;
        assessment result;
        std::uint64_t advice = 0;
        bool same_as(const shown_result& o) const {
            return result.result == o.result.result && result.fired == o.result.fired && result.missing == o.result.missing &&
                   result.timeline.where == o.result.timeline.where && advice == o.advice;
        }
    };
    shown_result show(answer_set a) const {
        shown_result s;
        s.dropped = opt_.drop(kb_, a);
        s.result = assess(kb_, a);
        s.advice = given_advice(kb_, a, s.result);
        return s;
    }

    std::string question_list(std::uint64_t questions) const {
        std::string text;
        for (std::size_t q = 0; q < kb_.questions.size(); ++q)
            if (questions >> q & 1U) text += (text.empty() ? "" : ", ") + kb_.questions[q].id;
        return "{" + text + "}";
    }

    /// The questions a list of conditions reads.
    static std::uint64_t questions_read(const std::vector<condition>& when) {
        std::uint64_t read = 0;
        for (const auto& c : when) visit(c, [&](const condition& each) {
            if (each.question >= 0) read |= bit(each.question);
        });
        return read;
    }

    /// `questions` and every question that decides whether one of them applies (an ask_when reads only
    /// earlier questions, so one pass backwards closes it).
    std::uint64_t with_applicability(std::uint64_t questions) const {
        for (int j = static_cast<int>(kb_.questions.size()) - 1; j >= 0; --j)
            if (questions >> j & 1U) questions |= questions_read(kb_.questions[j].ask_when);
        return questions;
    }

    /// The sets of questions to enumerate for q (see verifier.md, "answer dropping"): q, the questions whose
    /// applicability depends on q, and what decides whether they apply; and for every rule, withholding or
    /// timeline condition that reads one of those, that set widened by what it reads. Only the largest are kept:
    /// a set inside another is enumerated with it (the baseline is one of each question's values).
    std::vector<std::uint64_t> dropping_scopes(int q) const {
        std::uint64_t touched = bit(q);
        for (std::size_t j = static_cast<std::size_t>(q) + 1; j < kb_.questions.size(); ++j)
            if (questions_read(kb_.questions[j].ask_when) & touched) touched |= bit(static_cast<int>(j));
        const std::uint64_t applicability = with_applicability(touched);
        std::vector<std::uint64_t> scopes = {applicability};
        auto observe = [&](std::uint64_t read) {
            if (read & touched) scopes.push_back(with_applicability(applicability | read));
        };
        for (const auto& r : kb_.rules) observe(questions_read(r.when));
        for (const auto& a : kb_.advice)
            for (const auto& w : a.withheld_when) observe(questions_read(w.when));
        observe(questions_read(kb_.timeline.not_sore_when) | bit(kb_.timeline.question));
        std::vector<std::uint64_t> largest;
        for (std::size_t i = 0; i < scopes.size(); ++i) {
            bool inside = false;
            for (std::size_t j = 0; j < scopes.size() && !inside; ++j)
                inside = j != i && (scopes[i] & ~scopes[j]) == 0 && (scopes[i] != scopes[j] || j < i);
            if (!inside) largest.push_back(scopes[i]);
        }
        return largest;
    }

    /// What goes wrong with an answer set that answers q where q does not apply, or "" when nothing does.
    std::string dropping_problem(int q, const answer_set& a) const {
        answer_set kept = a;
        const std::uint64_t expected = reference_drop(kept);
        if (!a.by_question[q].answered || (expected & bit(q)) == 0) return "";
        const shown_result with = show(a);
        answer_set without_q = a;
        without_q.by_question[q] = answer{};
        const shown_result without = show(without_q);
        if (with.dropped != expected)
            return "the core drops " + question_list(with.dropped) + " where the answers that count leave out " + question_list(expected);
        if (!with.same_as(without))
            return std::string("the answer changes the result: ") + disposition_id(with.result.result) + " with it, " +
                   disposition_id(without.result.result) + " without it" + (with.result.fired == without.result.fired ? "" : ", other rules fire");
        return "";
    }

    /// For every question that need not apply, over each of its scopes: an answer to it where it does not apply
    /// must be dropped exactly as the reference reading drops it, and the result must be the one without it.
    void check_dropping() {
        for (int q = 0; q < static_cast<int>(kb_.questions.size()); ++q) {
            if (kb_.questions[q].ask_when.empty()) continue;
            candidate worst;
            std::string worst_detail;
            answer_set worst_answers;
            std::uint64_t combinations = 0, pairs_of_q = 0;
            const auto scopes = dropping_scopes(q);
            for (const std::uint64_t scope : scopes) {
                std::vector<int> dims;
                std::vector<std::uint64_t> stride;
                std::uint64_t size = 1;
                for (int j = 0; j < static_cast<int>(kb_.questions.size()); ++j)
                    if (scope >> j & 1U) {
                        dims.push_back(j);
                        stride.push_back(size);
                        size *= domains_[j].values.size();
                    }
                auto answers_at = [&](std::uint64_t at) {
                    answer_set a = base_;
                    for (std::size_t i = 0; i < dims.size(); ++i)
                        a.by_question[dims[i]] = domains_[dims[i]].values[at / stride[i] % domains_[dims[i]].values.size()];
                    return a;
                };
                std::mutex found;
                candidate first;
                std::string first_detail;
                std::atomic<std::uint64_t> pairs{0};
                parallel(size, [&](std::uint64_t begin, std::uint64_t end) {
                    std::uint64_t local_pairs = 0;
                    for (std::uint64_t at = begin; at < end; ++at) {
                        const answer_set a = answers_at(at);
                        if (!a.by_question[q].answered) continue;
                        answer_set kept = a;
                        if ((reference_drop(kept) & bit(q)) == 0) continue;  // q applies here
                        ++local_pairs;
                        std::string detail = dropping_problem(q, a);
                        if (detail.empty()) continue;
                        int answered = 0;
                        for (const auto& v : a.by_question) answered += v.answered ? 1 : 0;
                        const candidate here{answered, at, 0, q};
                        std::lock_guard<std::mutex> lock(found);
                        if (here.better_than(first)) first = here, first_detail = std::move(detail);
                    }
                    pairs += local_pairs;
                });
                combinations += size;
                pairs_of_q += pairs;
                if (!first_detail.empty() && first.cost < worst.cost) worst = first, worst_detail = first_detail, worst_answers = answers_at(first.at);
            }
            report_.dropping_pairs += pairs_of_q;
            report_.notes.push_back("answer dropping, " + kb_.questions[q].id + ": " + std::to_string(scopes.size()) + " scope" +
                                    (scopes.size() == 1 ? "" : "s") + ", " + std::to_string(combinations) + " combinations, " +
                                    std::to_string(pairs_of_q) + " with an answer where it does not apply");
            if (worst_detail.empty()) continue;
            answer_set a = worst_answers;
            // Fewer answers read more easily: leave out every other answer that the problem does not need.
            for (std::size_t j = 0; j < kb_.questions.size(); ++j) {
                if (static_cast<int>(j) == q || !a.by_question[j].answered) continue;
                answer_set fewer = a;
                fewer.by_question[j] = answer{};
                if (dropping_problem(q, fewer) == worst_detail) a = fewer;
            }
            int answered = 0;
            for (const auto& v : a.by_question) answered += v.answered ? 1 : 0;
            report_.violations.push_back({property::dropping, kb_.questions[q].id, "an answer where the question does not apply: " + worst_detail,
                                          to_json(a), "", answered});
        }
    }

    std::string to_json(const answer_set& a) const {
        json out = json::object();
        for (std::size_t q = 0; q < kb_.questions.size(); ++q) {
            const answer& v = a.by_question[q];
            if (!v.answered) continue;
            const question& qq = kb_.questions[q];
            if (qq.type == question_type::number) {
                if (qq.integer) out[qq.id] = static_cast<long long>(v.number);
                else out[qq.id] = v.number;
            } else if (qq.type == question_type::single) {
                out[qq.id] = qq.options[__builtin_ctzll(v.options)];
            } else {
                json list = json::array();
                for (std::size_t i = 0; i < qq.options.size(); ++i)
                    if (v.options >> i & 1U) list.push_back(qq.options[i]);
                out[qq.id] = list;
            }
        }
        return out.dump();
    }
};

}  // namespace

report verify(const knowledge_base& kb, const policy& rules_policy, const options& opt) {
    engine e(kb, rules_policy, opt);
    return e.run();
}

std::string format(const report& r) {
    std::ostringstream out;
    out << "answer space (per question: raw answers; reductions (a) option classes, (b) number intervals, (c) free classes):\n";
    for (const auto& line : r.space) out << "  " << line << '\n';
    out.setf(std::ios::fixed);
    out.precision(1);
    out << "raw product: about 10^" << r.raw_log10 << " answer sets; after (a)+(b): about 10^" << r.reduced_ab_log10 << '\n';
    out << "(c) independent components, enumerated one by one with the others held at a self_care baseline:\n";
    std::uint64_t sum = 0;
    auto list = [&](const std::vector<std::string>& ids) {
        out << "{";
        for (std::size_t i = 0; i < ids.size(); ++i) out << (i ? ", " : "") << ids[i];
        out << "}";
    };
    for (const auto& c : r.components) {
        out << "  ";
        list(c.questions);
        out << ": " << c.combinations << '\n';
        if (!c.separator.empty()) {
            out << "    (d) conditioned on ";
            list(c.separator);
            out << " (" << c.separator_values << " values), parts";
            for (std::size_t i = 0; i < c.parts.size(); ++i) {
                out << (i ? ", " : " ");
                list(c.parts[i]);
                out << " " << c.part_sizes[i];
            }
            out << ": " << c.assessed << " assessed\n";
        }
        sum += c.assessed;
    }
    for (const auto& n : r.notes) out << n << '\n';
    out.precision(2);
    out << "checked " << r.combinations << " combinations (sum of components " << sum << "), " << r.comparisons
        << " monotonicity pairs, " << r.witnesses << " extra witnesses, " << r.dropping_pairs
        << " answers to questions that do not apply compared with none, in " << r.seconds << " s on " << r.threads << " thread"
        << (r.threads == 1 ? "" : "s") << " (" << (r.seconds > 0 ? static_cast<double>(r.combinations) / r.seconds / 1e6 : 0.0)
        << " million combinations/s)\n";
    if (!r.shadowed.empty()) {
        out << "shadowed rules (reported, not a failure):\n";
        for (const auto& s : r.shadowed) out << "  " << s << '\n';
    }
    if (r.violations.empty()) {
        out << "result: no violations of totality, red-flag floors, monotonicity, reachability or answer dropping\n";
    } else {
        out << "result: " << r.violations.size() << " violation" << (r.violations.size() == 1 ? "" : "s") << '\n';
        for (const auto& v : r.violations) {
            out << "  [" << property_name(v.kind) << "] " << v.what << ": " << v.detail << '\n';
            if (v.answers != "{}" || v.answered) out << "    minimal counterexample (" << v.answered << " answered): " << v.answers << '\n';
            if (!v.worse_answers.empty()) out << "    after the worsening step: " << v.worse_answers << '\n';
        }
    }
    return out.str();
}

}  // namespace soreness::verifier
