// The triage policy is data (tests/verifier/triage-policy.json), written for a clinician to read and
// deliberately NOT derived from the knowledge base's rules: the verifier checks the rules against it.
// This file reads it, refusing anything it does not understand with a JSON pointer, and writes the
// generated document docs/triage-policy.md.

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "verifier.hpp"

namespace soreness::verifier {

namespace {

using json = nlohmann::json;
using test = policy_atom::test;

class policy_reader {
public:
    std::vector<policy_error> errors;

    void fail(const std::string& code, const std::string& where, const std::string& message) {
        errors.push_back({code, where.empty() ? "/" : where, message});
    }

    /// Reports every member of `object` not in `known`.
    void only(const json& object, const std::string& where, std::initializer_list<const char*> known) {
        for (const auto& [key, value] : object.items()) {
            bool found = false;
            for (const char* k : known) found = found || key == k;
            if (!found) fail("policy.unknown_field", where + "/" + key, "unknown field '" + key + "'");
        }
    }

    bool disposition_at(const json& parent, const char* key, const std::string& where, disposition& out) {
        auto it = parent.find(key);
        if (it == parent.end() || !it->is_string()) {
            fail("policy.missing_field", where + "/" + key, std::string("'") + key + "' must name a disposition");
            return false;
        }
        for (int d = 0; d < disposition_count; ++d)
            if (*it == disposition_id(static_cast<disposition>(d))) {
                out = static_cast<disposition>(d);
                return true;
            }
        fail("policy.unknown_disposition", where + "/" + key, "unknown disposition '" + it->get<std::string>() + "'");
        return false;
    }

    std::vector<std::string> ids(const json& list, const std::string& where) {
        std::vector<std::string> out;
        if (!list.is_array() || list.empty()) {
            fail("policy.bad_list", where, "expected a non-empty list of ids");
            return out;
        }
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (list[i].is_string() && !list[i].get<std::string>().empty()) out.push_back(list[i]);
            else fail("policy.bad_list", where + "/" + std::to_string(i), "expected an id");
        }
        return out;
    }

    /// {"question": {"has_any": [...]}}, {"question": {"is_any": [...]}}, {"question": {"at_least": N}} or
    /// {"question": {"unanswered": true}}.
    bool atom(const json& item, const std::string& where, policy_atom& out) {
        if (!item.is_object() || item.size() != 1) {
            fail("policy.bad_test", where, "expected one question and its test, e.g. {\"symptoms\": {\"has_any\": [\"dark_urine\"]}}");
            return false;
        }
        // Copies, not structured bindings to *items().begin(): that proxy dies at the end of the statement.
        const std::string question = item.begin().key();
        const json& body = item.begin().value();
        const std::string at = where + "/" + question;
        out.question = question;
        if (!body.is_object() || body.size() != 1) {
            fail("policy.bad_test", at, "expected one of has_any, is_any, at_least, unanswered");
            return false;
        }
        const std::string kind = body.begin().key();
        const json& value = body.begin().value();
        if (kind == "has_any" || kind == "is_any") {
            out.kind = kind == "has_any" ? test::has_any : test::is_any;
            out.options = ids(value, at + "/" + kind);
            return !out.options.empty();
        }
        if (kind == "at_least") {
            if (!value.is_number()) {
                fail("policy.bad_test", at + "/at_least", "expected a number");
                return false;
            }
            out.kind = test::at_least;
            out.threshold = value.get<double>();
            return true;
        }
        if (kind == "unanswered") {
            if (value != true) {
                fail("policy.bad_test", at + "/unanswered", "expected true");
                return false;
            }
            out.kind = test::unanswered;
            return true;
        }
        fail("policy.bad_test", at + "/" + kind, "unknown test '" + kind + "'; expected has_any, is_any, at_least or unanswered");
        return false;
    }

    void floor(const json& item, const std::string& where, policy& p, std::set<std::string>& seen) {
        if (!item.is_object()) {
            fail("policy.bad_floor", where, "expected an object with id, at_least and when");
            return;
        }
        only(item, where, {"id", "at_least", "when", "note"});
        policy_flag flag;
        auto id = item.find("id");
        if (id == item.end() || !id->is_string() || id->get<std::string>().empty()) {
            fail("policy.missing_field", where + "/id", "a floor needs an id");
            return;
        }
        flag.id = *id;
        if (!seen.insert(flag.id).second) fail("policy.duplicate_id", where + "/id", "duplicate floor id '" + flag.id + "'");
        bool ok = disposition_at(item, "at_least", where, flag.floor);
        auto when = item.find("when");
        if (when == item.end() || !when->is_array() || when->empty()) {
            fail("policy.missing_field", where + "/when", "a floor needs a non-empty 'when' list");
            return;
        }
        for (std::size_t i = 0; i < when->size(); ++i) {
            const json& clause = (*when)[i];
            const std::string at = where + "/when/" + std::to_string(i);
            std::vector<policy_atom> atoms;
            auto any = clause.is_object() ? clause.find("any") : clause.end();
            if (clause.is_object() && any != clause.end()) {
                if (!any->is_array() || any->empty()) {
                    fail("policy.bad_test", at + "/any", "expected a non-empty list of tests");
                    ok = false;
                    continue;
                }
                for (std::size_t j = 0; j < any->size(); ++j) {
                    policy_atom a;
                    if (atom((*any)[j], at + "/any/" + std::to_string(j), a)) atoms.push_back(std::move(a));
                    else ok = false;
                }
            } else {
                policy_atom a;
                if (atom(clause, at, a)) atoms.push_back(std::move(a));
                else ok = false;
            }
            flag.clauses.push_back(std::move(atoms));
        }
        if (ok) p.flags.push_back(std::move(flag));
    }
};

std::string pointer_text(const std::string& where) { return where.empty() ? "/" : where; }

}  // namespace

std::string policy_error::text() const { return pointer_text(where) + ": " + message; }

policy_load_result load_policy(const std::string& text) {
    policy_load_result out;
    policy_reader r;
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        r.fail("policy.parse", "/", "the policy is not a JSON object");
        out.errors = std::move(r.errors);
        return out;
    }
    r.only(doc, "", {"about", "floors", "never_reassure_when_unanswered", "worsening"});
    policy p;
    if (auto about = doc.find("about"); about != doc.end() && about->is_string()) p.about = *about;
    else r.fail("policy.missing_field", "/about", "say in 'about' what the policy is and where it comes from");

    std::set<std::string> seen;
    auto floors = doc.find("floors");
    if (floors == doc.end() || !floors->is_array() || floors->empty()) r.fail("policy.missing_field", "/floors", "expected a non-empty list of floors");
    else
        for (std::size_t i = 0; i < floors->size(); ++i) r.floor((*floors)[i], "/floors/" + std::to_string(i), p, seen);

    auto never = doc.find("never_reassure_when_unanswered");
    if (never == doc.end() || !never->is_object()) {
        r.fail("policy.missing_field", "/never_reassure_when_unanswered", "expected the questions that must be answered before the check reassures");
    } else {
        r.only(*never, "/never_reassure_when_unanswered", {"about", "at_least", "questions"});
        disposition level = disposition::self_care;
        bool ok = r.disposition_at(*never, "at_least", "/never_reassure_when_unanswered", level);
        auto questions = never->find("questions");
        std::vector<std::string> ids = questions == never->end() ? std::vector<std::string>{} : r.ids(*questions, "/never_reassure_when_unanswered/questions");
        if (questions == never->end()) r.fail("policy.missing_field", "/never_reassure_when_unanswered/questions", "expected a list of question ids");
        if (ok)
            for (const auto& q : ids) p.flags.push_back({"never_reassure_without_" + q, level, {{{q, test::unanswered, {}, 0}}}});
    }

    auto worsening = doc.find("worsening");
    if (worsening == doc.end() || !worsening->is_object()) {
        r.fail("policy.missing_field", "/worsening", "expected mild_to_bad, adding and rising");
    } else {
        r.only(*worsening, "/worsening", {"about", "mild_to_bad", "adding", "rising"});
        if (auto m = worsening->find("mild_to_bad"); m != worsening->end() && m->is_object())
            for (const auto& [question, options] : m->items())
                p.ordered.push_back({question, r.ids(options, "/worsening/mild_to_bad/" + question)});
        else r.fail("policy.missing_field", "/worsening/mild_to_bad", "expected an object: question id -> its options from mild to bad");
        for (const char* key : {"adding", "rising"}) {
            auto list = worsening->find(key);
            auto& into = std::string(key) == "adding" ? p.adding : p.rising;
            if (list == worsening->end()) r.fail("policy.missing_field", std::string("/worsening/") + key, "expected a list of question ids");
            else into = r.ids(*list, std::string("/worsening/") + key);
        }
    }
    out.errors = std::move(r.errors);
    if (out.errors.empty()) out.loaded = std::move(p);
    return out;
}

const policy& triage_policy() {
    static const policy p = [] {
        std::ifstream in(SORENESS_POLICY_FILE, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        auto loaded = load_policy(text.str());
        if (!in || !loaded.loaded) {
            std::cerr << "soreness-verify: cannot use the triage policy " << SORENESS_POLICY_FILE << '\n';
            for (const auto& e : loaded.errors) std::cerr << "  [" << e.code << "] " << e.text() << '\n';
            std::exit(2);
        }
        return *std::move(loaded.loaded);
    }();
    return p;
}

std::string policy_markdown(const policy& p) {
    auto list = [](const std::vector<std::string>& ids, const char* joiner) {
        std::string out;
        for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? joiner : "") + ("`" + ids[i] + "`");
        return out;
    };
    auto atom_text = [&](const policy_atom& a) {
        switch (a.kind) {
            case test::has_any: return "`" + a.question + "` includes " + list(a.options, " or ");
            case test::is_any: return "`" + a.question + "` is " + list(a.options, " or ");
            case test::at_least: {
                std::ostringstream n;
                n << a.threshold;
                return "`" + a.question + "` ≥ " + n.str();
            }
            case test::unanswered: return "`" + a.question + "` unanswered";
        }
        return std::string();
    };
    std::ostringstream out;
    out << "# The triage policy\n\n"
        << "Generated from `tests/verifier/triage-policy.json` by `soreness-verify --policy-table`; a test fails when it is out of\n"
        << "date. The verifier (`docs/safety/verifier.md`) checks the rules of `docs/rules.md` against every line below, on\n"
        << "every answer set.\n\n"
        << p.about << "\n\n"
        << "| floor | at least | when all of these hold |\n| --- | --- | --- |\n";
    for (const auto& flag : p.flags) {
        out << "| `" << flag.id << "` | `" << disposition_id(flag.floor) << "` | ";
        for (std::size_t c = 0; c < flag.clauses.size(); ++c) {
            out << (c ? "; and " : "");
            const auto& clause = flag.clauses[c];
            for (std::size_t a = 0; a < clause.size(); ++a) out << (a ? " or " : "") << atom_text(clause[a]);
        }
        out << " |\n";
    }
    out << "\n**Worse answers never get a milder result** (monotonicity):\n\n";
    for (const auto& q : p.ordered) out << "- `" << q.question << "`, mild to bad: " << list(q.mild_to_bad, ", ") << "\n";
    out << "- one more option ticked in " << list(p.adding, ", ") << "\n"
        << "- a higher number in " << list(p.rising, ", ") << "\n";
    return out.str();
}

}  // namespace soreness::verifier
