#include "soreness/knowledge_base.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <set>

#include "json_text.hpp"

namespace soreness {

namespace {

using detail::field;
using json = nlohmann::json;

constexpr std::array<const char*, disposition_count> disposition_ids = {
    "self_care", "contact_therapist", "see_doctor", "urgent", "emergency"};
constexpr std::array<const char*, 4> type_ids = {"single", "multiple", "number", "regions"};
constexpr std::array<const char*, 7> phase_ids = {"building", "peak", "easing", "should_be_gone", "not_sore_yet", "not_sore", "unknown"};
// The names Unicode CLDR (and Intl.PluralRules) gives plural categories, and the units every language spells out.
constexpr std::array<const char*, 6> plural_category_ids = {"zero", "one", "two", "few", "many", "other"};
constexpr std::array<const char*, 4> amount_ids = {"hours", "days", "hours_dative", "days_dative"};
constexpr std::array<const char*, 3> call_ids = {"emergency", "emergency_if_worse", "non_emergency"};

/// The member `key` of `object`, or nullptr when absent (or when `object` is no object).
const json* member(const json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

/// Where a condition is read: which questions it may name and how deep it sits.
struct condition_scope {
    int visible_questions = 0;        ///< it may name questions [0, visible_questions)
    int asking = -1;                  ///< the question whose ask_when this is, -1 in a rule
    std::string_view asking_id;       ///< that question's id
    std::size_t depth = 1;            ///< 1 directly in "when" or "ask_when", +1 per enclosing "any"
};

/// An ask_when condition naming a question that comes later (or has not been read yet): judged
/// once every question is known, since it may close a cycle.
struct later_reference {
    int from = -1;
    std::string to;
    std::string where;
};

/// Collects every problem instead of stopping at the first, so a clinician sees them all at once.
class validator {
public:
    std::vector<error> errors;

    void fail(const std::string& code, const std::string& where, const std::string& message) {
        errors.push_back({code, where.empty() ? "/" : where, message});
    }

    bool expect_object(const json& v, const std::string& where, std::initializer_list<const char*> required,
                       std::initializer_list<const char*> optional = {}) {
        if (!v.is_object()) {
            fail("kb.wrong_type", where, "expected an object");
            return false;
        }
        for (const char* key : required)
            if (!v.contains(key)) fail("kb.missing_field", where, "missing field " + detail::quote(key));
        for (const auto& item : v.items()) {
            auto known = [&](std::initializer_list<const char*> keys) {
                return std::any_of(keys.begin(), keys.end(), [&](const char* k) { return item.key() == k; });
            };
            // An unknown field is most likely a typo, and a mistyped condition must never be ignored.
            if (!known(required) && !known(optional))
                fail("kb.unknown_field", where + "/" + item.key(), "unknown field " + detail::quote(item.key()));
        }
        return true;
    }

    std::string text(const json& v, const std::string& where, bool may_be_empty = false) {
        if (!v.is_string()) {
            fail("kb.wrong_type", where, "expected a string");
            return {};
        }
        auto s = v.get<std::string>();
        if (s.empty() && !may_be_empty) fail("kb.empty_text", where, "must not be empty");
        return s;
    }

    std::vector<std::string> id_list(const json& v, const std::string& where) {
        std::vector<std::string> ids;
        if (!v.is_array()) {
            fail("kb.wrong_type", where, "expected an array of ids");
            return ids;
        }
        for (std::size_t i = 0; i < v.size(); ++i) {
            auto id = text(v[i], where + "/" + std::to_string(i));
            if (std::find(ids.begin(), ids.end(), id) != ids.end())
                fail("kb.duplicate_id", where + "/" + std::to_string(i), "duplicate id " + detail::quote(id));
            ids.push_back(id);
        }
        return ids;
    }
};

class loader {
public:
    loader(validator& check, knowledge_base& kb, const load_options& options) : check_(check), kb_(kb), options_(options) {}

    void read_knowledge(const json& doc) {
        if (!check_.expect_object(doc, "", {"version", "dispositions", "questions", "rules", "advice", "timeline"},
                                  {"about", "explanations", "help_lines", "limits", "start_question"}))
            return;
        kb_.version = check_.text(field(doc, "version"), "/version");
        read_advice_ids(field(doc, "advice"));
        if (const auto* e = member(doc, "explanations")) {
            for (auto& id : check_.id_list(*e, "/explanations")) kb_.explanations.push_back({id, {}});
        }
        read_dispositions(field(doc, "dispositions"));
        read_questions(field(doc, "questions"));
        if (const auto* s = member(doc, "start_question")) read_start_question(*s);
        read_withholdings(field(doc, "advice"));
        read_rules(field(doc, "rules"));
        read_timeline(field(doc, "timeline"));
        if (const auto* h = member(doc, "help_lines")) read_help_lines(*h);
        check_calls(member(doc, "help_lines") != nullptr);
        if (const auto* l = member(doc, "limits")) read_limits(*l);
        check_reachability();
    }

    void read_strings(const json& doc) {
        if (!check_.expect_object(doc, "", {"language", "language_name", "plural_categories", "dispositions", "questions", "rules",
                                            "advice", "timeline", "ui", "amounts"},
                                  {"explanations"}))
            return;
        kb_.language = check_.text(field(doc, "language"), "/language");
        kb_.language_name = check_.text(field(doc, "language_name"), "/language_name");
        read_plural_categories(field(doc, "plural_categories"));
        read_amounts(field(doc, "amounts"));

        const json& dispositions = field(doc, "dispositions");
        for (auto& info : kb_.dispositions) {
            std::string id = disposition_id(info.level);
            std::string where = "/dispositions/" + id;
            const json* entry = named(dispositions, id, where);
            if (entry == nullptr || !check_.expect_object(*entry, where, {"label", "headline"})) continue;
            info.label = check_.text(field((*entry), "label"), where + "/label");
            info.headline = check_.text(field((*entry), "headline"), where + "/headline");
        }
        reject_unknown_ids(dispositions, "/dispositions", [](const std::string& id) {
            return std::find_if(disposition_ids.begin(), disposition_ids.end(),
                                [&](const char* d) { return id == d; }) != disposition_ids.end();
        });

        const json& questions = field(doc, "questions");
        for (auto& q : kb_.questions) {
            std::string where = "/questions/" + q.id;
            const json* entry = named(questions, q.id, where);
            if (!entry) continue;
            bool choice = q.type != question_type::number;
            if (!check_.expect_object(*entry, where, {"text", "help"}, {"options", "unit", "min_text", "max_text"})) continue;
            q.text = check_.text(field((*entry), "text"), where + "/text");
            for (auto [key, text] : {std::pair{"min_text", &q.min_text}, std::pair{"max_text", &q.max_text}}) {
                const json* end = member(*entry, key);
                if (q.input != "scale") {
                    if (end) check_.fail("kb.unknown_field", where + "/" + key, std::string("only a scale question has a ") + key);
                    continue;
                }
                if (!end) check_.fail("kb.missing_text", where + "/" + key, std::string("a scale needs a ") + key + " saying what its end means");
                else *text = check_.text(*end, where + "/" + key);
            }
            q.help = check_.text(field((*entry), "help"), where + "/help", true);
            if (const auto* unit = member(*entry, "unit")) q.unit_text = check_.text(*unit, where + "/unit");
            if (!choice) {
                if (member(*entry, "options")) check_.fail("kb.unknown_field", where + "/options", "a number question has no options");
                continue;
            }
            const json* options = named(*entry, "options", where);
            if (!options) continue;
            for (const auto& option : q.options) {
                std::string option_where = where + "/options/";
                option_where += option;
                const json* t = named(*options, option, option_where);
                q.option_texts.push_back(t ? check_.text(*t, option_where) : std::string());
            }
            reject_unknown_ids(*options, where + "/options", [&](const std::string& id) { return q.option_index(id) >= 0; });
        }
        reject_unknown_ids(questions, "/questions", [&](const std::string& id) { return kb_.question_index(id) >= 0; });

        const json& rules = field(doc, "rules");
        for (auto& r : kb_.rules) {
            if (const json* t = named(rules, r.id, "/rules/" + r.id)) r.reason = check_.text(*t, "/rules/" + r.id);
        }
        reject_unknown_ids(rules, "/rules", [&](const std::string& id) {
            return std::any_of(kb_.rules.begin(), kb_.rules.end(), [&](const rule& r) { return r.id == id; });
        });

        read_texts(field(doc, "advice"), "/advice", kb_.advice);
        static const json no_explanations = json::object();
        const json* explanations = member(doc, "explanations");
        if (!kb_.explanations.empty() || explanations)
            read_texts(explanations ? *explanations : no_explanations, "/explanations", kb_.explanations);

        const json& phases = field(doc, "timeline");
        for (const char* phase : phase_ids) {
            if (const json* t = named(phases, phase, std::string("/timeline/") + phase))
                kb_.timeline.phase_texts[phase] = check_.text(*t, std::string("/timeline/") + phase);
        }
        reject_unknown_ids(phases, "/timeline", [](const std::string& id) {
            return std::find_if(phase_ids.begin(), phase_ids.end(), [&](const char* p) { return id == p; }) != phase_ids.end();
        });

        const json& ui = field(doc, "ui");
        if (!ui.is_object()) {
            check_.fail("kb.wrong_type", "/ui", "expected an object");
        } else {
            for (const auto& item : ui.items()) kb_.ui[item.key()] = check_.text(item.value(), "/ui/" + item.key());
        }
    }

private:
    validator& check_;
    knowledge_base& kb_;
    const load_options& options_;

    void read_plural_categories(const json& v) {
        auto ids = check_.id_list(v, "/plural_categories");
        for (std::size_t i = 0; i < ids.size(); ++i)
            if (std::find_if(plural_category_ids.begin(), plural_category_ids.end(), [&](const char* c) { return ids[i] == c; }) ==
                plural_category_ids.end())
                check_.fail("kb.unknown_id", "/plural_categories/" + std::to_string(i),
                            "unknown plural category " + detail::quote(ids[i]) + "; expected zero, one, two, few, many or other");
        if (v.is_array() && std::find(ids.begin(), ids.end(), "other") == ids.end())
            check_.fail("kb.missing_text", "/plural_categories", "every language has the plural category 'other'");
        kb_.plural_categories = ids;
    }

    /// Every unit in every plural category of the language, each text with its number "{n}".
    void read_amounts(const json& v) {
        if (!v.is_object()) {
            check_.fail("kb.wrong_type", "/amounts", "expected an object of units");
            return;
        }
        for (const char* unit : amount_ids) {
            std::string where = std::string("/amounts/") + unit;
            const json* forms = named(v, unit, where);
            if (!forms) continue;
            if (!forms->is_object()) {
                check_.fail("kb.wrong_type", where, "expected an object of plural forms");
                continue;
            }
            plural_text& text = kb_.amounts[unit];
            for (const auto& category : kb_.plural_categories) {
                std::string form_where = where + "/";
                form_where += category;
                auto it = forms->find(category);
                if (it == forms->end()) {
                    check_.fail("kb.missing_text", form_where, "missing plural form " + detail::quote(category) + " of " + detail::quote(unit));
                    continue;
                }
                text[category] = check_.text(*it, form_where);
                if (it->is_string() && text[category].find("{n}") == std::string::npos)
                    check_.fail("kb.missing_number", form_where, "a plural form needs the number as {n}");
            }
            reject_unknown_ids(*forms, where, [&](const std::string& id) {
                return std::find(kb_.plural_categories.begin(), kb_.plural_categories.end(), id) != kb_.plural_categories.end();
            });
        }
        reject_unknown_ids(v, "/amounts", [](const std::string& id) {
            return std::find_if(amount_ids.begin(), amount_ids.end(), [&](const char* a) { return id == a; }) != amount_ids.end();
        });
    }
    std::vector<bool> advice_used_;
    bool dispositions_read_ = false;
    std::vector<std::string> declared_question_ids_;  // every id in /questions, read or not yet
    std::vector<later_reference> later_references_;

    const json* named(const json& object, const std::string& key, const std::string& where) {
        if (!object.is_object()) {
            check_.fail("kb.wrong_type", where.substr(0, where.rfind('/')), "expected an object");
            return nullptr;
        }
        auto it = object.find(key);
        if (it == object.end()) {
            check_.fail("kb.missing_text", where, "missing text for " + detail::quote(key));
            return nullptr;
        }
        return &*it;
    }

    template <class Known>
    void reject_unknown_ids(const json& object, const std::string& where, Known known) {
        if (!object.is_object()) return;
        for (const auto& item : object.items())
            if (!known(item.key()))
                check_.fail("kb.unknown_id", where + "/" + item.key(), "text for unknown id " + detail::quote(item.key()));
    }

    template <class Item>
    void read_texts(const json& object, const std::string& where, std::vector<Item>& items) {
        for (auto& item : items)
            if (const json* t = named(object, item.id, where + "/" + item.id)) item.text = check_.text(*t, where + "/" + item.id);
        reject_unknown_ids(object, where, [&](const std::string& id) {
            return std::any_of(items.begin(), items.end(), [&](const Item& t) { return t.id == id; });
        });
    }

    /// Each advice is its id, or {"id", "withheld_when"} (read after the questions, which it names).
    void read_advice_ids(const json& v) {
        if (!v.is_array()) {
            check_.fail("kb.wrong_type", "/advice", "expected an array of ids");
            return;
        }
        if (v.size() > max_advice) check_.fail("kb.too_many", "/advice", "at most " + std::to_string(max_advice) + " advice");
        for (std::size_t i = 0; i < v.size() && i < max_advice; ++i) {
            std::string where = "/advice/" + std::to_string(i);
            const json* id = &v[i];
            if (v[i].is_object()) {
                if (!check_.expect_object(v[i], where, {"id", "withheld_when"})) continue;
                id = &field(v[i], "id");
                where += "/id";
            }
            auto text = check_.text(*id, where);
            if (kb_.advice_index(text) >= 0) check_.fail("kb.duplicate_id", where, "duplicate id " + detail::quote(text));
            kb_.advice.push_back({text, {}, {}});
        }
        advice_used_.assign(kb_.advice.size(), false);
    }

    void read_withholdings(const json& v) {
        if (!v.is_array()) return;
        for (std::size_t i = 0; i < v.size() && i < kb_.advice.size(); ++i) {
            const json* cases = v[i].is_object() ? member(v[i], "withheld_when") : nullptr;
            if (!cases) continue;
            std::string where = "/advice/" + std::to_string(i) + "/withheld_when";
            if (!cases->is_array() || cases->empty()) {
                check_.fail("kb.wrong_type", where, "expected a non-empty array of cases");
                continue;
            }
            for (std::size_t k = 0; k < cases->size(); ++k) {
                std::string at = where + "/" + std::to_string(k);
                if (!check_.expect_object((*cases)[k], at, {"when", "why"})) continue;
                withholding w;
                w.when = conditions(field((*cases)[k], "when"), at + "/when", {static_cast<int>(kb_.questions.size()), -1, {}, 1});
                if (w.when.empty()) check_.fail("kb.wrong_type", at + "/when", "expected at least one condition");
                for (std::size_t c = 0; c < w.when.size(); ++c)
                    if (mentions_incomplete(w.when[c]))
                        check_.fail("kb.wrong_test", at + "/when/" + std::to_string(c), "'incomplete' is for rules, not for withholding advice");
                w.why = check_.text(field((*cases)[k], "why"), at + "/why");
                kb_.advice[i].withheld_when.push_back(std::move(w));
            }
        }
    }

    std::vector<int> advice_refs(const json& v, const std::string& where) {
        std::vector<int> refs;
        auto ids = check_.id_list(v, where);
        for (std::size_t i = 0; i < ids.size(); ++i) {
            int index = kb_.advice_index(ids[i]);
            if (index < 0) {
                check_.fail("kb.unknown_advice", where + "/" + std::to_string(i), "unknown advice " + detail::quote(ids[i]));
                continue;
            }
            advice_used_[index] = true;
            refs.push_back(index);
        }
        return refs;
    }

    void read_dispositions(const json& v) {
        if (!v.is_array() || v.size() != disposition_count) {
            check_.fail("kb.wrong_type", "/dispositions", "expected an array of the 5 dispositions, least urgent first");
            return;
        }
        dispositions_read_ = true;
        for (int i = 0; i < disposition_count; ++i) {
            std::string where = "/dispositions/" + std::to_string(i);
            auto& info = kb_.dispositions[i];
            info.level = static_cast<disposition>(i);
            if (!check_.expect_object(v[i], where, {"id", "advice", "everyday_advice"}, {"calls", "ends_check", "contact_details", "reminder"})) continue;
            auto id = check_.text(field(v[i], "id"), where + "/id");
            if (id != disposition_ids[i])
                check_.fail("kb.wrong_disposition", where + "/id",
                            "expected " + detail::quote(disposition_ids[i]) + " here, got " + detail::quote(id));
            info.advice = advice_refs(field(v[i], "advice"), where + "/advice");
            if (field(v[i], "everyday_advice").is_boolean()) info.everyday_advice = field(v[i], "everyday_advice").get<bool>();
            else check_.fail("kb.wrong_type", where + "/everyday_advice", "expected true or false");
            if (const auto* calls = member(v[i], "calls")) info.calls = read_calls(*calls, where + "/calls");
            info.ends_check = optional_flag(v[i], "ends_check", where);
            info.contact_details = optional_flag(v[i], "contact_details", where);
            info.reminder = optional_flag(v[i], "reminder", where);
            // "Check again when it should have eased" fits ordinary soreness only: beside "see a doctor" it would
            // tell the person to wait.
            if (info.reminder && !info.everyday_advice)
                check_.fail("kb.reminder_not_everyday", where + "/reminder",
                            "a reminder to check again is only for a result about ordinary soreness (\"everyday_advice\": true)");
        }
        // A more urgent result must not send the person back to the questions that a less urgent one stops.
        for (int i = 1; i < disposition_count; ++i)
            if (kb_.dispositions[i - 1].ends_check && !kb_.dispositions[i].ends_check)
                check_.fail("kb.ends_check_order", "/dispositions/" + std::to_string(i) + "/ends_check",
                            "every disposition more urgent than one that ends the check must end it too");
    }

    /// A true/false field that is false when absent.
    bool optional_flag(const json& object, const char* key, const std::string& where) {
        const json* flag = member(object, key);
        if (flag == nullptr) return false;
        if (!flag->is_boolean()) {
            check_.fail("kb.wrong_type", where + "/" + key, "expected true or false");
            return false;
        }
        return flag->get<bool>();
    }

    std::vector<std::string> read_calls(const json& v, const std::string& where) {
        auto ids = check_.id_list(v, where);
        for (std::size_t i = 0; i < ids.size(); ++i)
            if (std::find(call_ids.begin(), call_ids.end(), ids[i]) == call_ids.end())
                check_.fail("kb.unknown_call", where + "/" + std::to_string(i),
                            "unknown call " + detail::quote(ids[i]) + "; expected emergency, emergency_if_worse or non_emergency");
        return ids;
    }

    /// Calls need numbers; and where there are numbers, an emergency result must offer the emergency one.
    void check_calls(bool has_help_lines) {
        if (!dispositions_read_) return;
        const auto& emergency = kb_.info(disposition::emergency).calls;
        if (has_help_lines) {
            if (std::find(emergency.begin(), emergency.end(), "emergency") == emergency.end())
                check_.fail("kb.missing_call", "/dispositions/4/calls", "the emergency disposition must offer the call 'emergency'");
            return;
        }
        for (int i = 0; i < disposition_count; ++i)
            if (!kb_.dispositions[i].calls.empty())
                check_.fail("kb.missing_field", "/dispositions/" + std::to_string(i) + "/calls", "calls need the numbers in 'help_lines'");
    }

    void read_help_lines(const json& v) {
        const bool shaped = options_.sources_required ? check_.expect_object(v, "/help_lines", {"source", "default", "countries"})
                                                      : check_.expect_object(v, "/help_lines", {"default", "countries"}, {"source"});
        if (!shaped) return;
        auto& table = kb_.help_lines;
        if (options_.sources_required || v.contains("source")) table.source = check_.text(field(v, "source"), "/help_lines/source");
        read_country(field(v, "default"), "/help_lines/default", table.fallback, false);
        const json& countries = field(v, "countries");
        if (!countries.is_array()) {
            check_.fail("kb.wrong_type", "/help_lines/countries", "expected an array of countries");
            return;
        }
        for (std::size_t i = 0; i < countries.size(); ++i) {
            std::string where = "/help_lines/countries/" + std::to_string(i);
            country_help_lines lines;
            if (!read_country(countries[i], where, lines, true)) continue;
            const bool listed = std::any_of(table.countries.begin(), table.countries.end(),
                                            [&](const country_help_lines& c) { return c.country == lines.country; });
            if (listed) check_.fail("kb.duplicate_id", where + "/country", "duplicate country " + detail::quote(lines.country));
            table.countries.push_back(std::move(lines));
        }
    }

    bool read_country(const json& v, const std::string& where, country_help_lines& lines, bool named) {
        bool ok = named ? check_.expect_object(v, where, {"country", "emergency"}, {"non_emergency", "note"})
                        : check_.expect_object(v, where, {"emergency"}, {"non_emergency"});
        if (!ok) return false;
        if (named) {
            lines.country = check_.text(field(v, "country"), where + "/country");
            const auto& code = lines.country;
            if (field(v, "country").is_string() &&
                (code.size() != 2 || std::any_of(code.begin(), code.end(), [](char c) { return c < 'A' || c > 'Z'; })))
                check_.fail("kb.bad_country", where + "/country",
                            "expected a country code of two capital letters (ISO 3166-1 alpha-2) like 'GB', got " + detail::quote(code));
            if (const auto* note = member(v, "note")) check_.text(*note, where + "/note");
        }
        lines.emergency = phone_number(field(v, "emergency"), where + "/emergency");
        if (const auto* line = member(v, "non_emergency")) {
            std::string line_where = where + "/non_emergency";
            if (check_.expect_object(*line, line_where, {"number", "name"})) {
                lines.non_emergency.number = phone_number(field(*line, "number"), line_where + "/number");
                lines.non_emergency.name = check_.text(field(*line, "name"), line_where + "/name");
            }
        }
        return true;
    }

    /// Digits, with spaces between them and a + only at the start: what a tel: link can dial.
    std::string phone_number(const json& v, const std::string& where) {
        auto number = check_.text(v, where);
        if (!v.is_string() || number.empty()) return number;
        std::size_t digits = 0;
        bool well_formed = number.back() != ' ';
        for (std::size_t i = 0; i < number.size(); ++i) {
            const char c = number[i];
            if (c >= '0' && c <= '9') ++digits;
            else if (!((c == '+' && i == 0) || (c == ' ' && i > 0))) well_formed = false;
        }
        if (!well_formed || digits < min_phone_digits || digits > max_phone_digits)
            check_.fail("kb.bad_number", where,
                        "expected a phone number of " + std::to_string(min_phone_digits) + " to " + std::to_string(max_phone_digits) +
                            " digits, with spaces between them and a + only at the start, got " + detail::quote(number));
        return number;
    }

    void read_questions(const json& v) {
        if (!v.is_array() || v.empty()) {
            check_.fail("kb.wrong_type", "/questions", "expected a non-empty array");
            return;
        }
        if (v.size() > max_questions)
            check_.fail("kb.too_many", "/questions", "at most " + std::to_string(max_questions) + " questions");
        // Known up front, so that an ask_when naming a later question is told apart from a typo.
        for (const auto& entry : v)
            if (field(entry, "id").is_string()) declared_question_ids_.push_back(field(entry, "id").get<std::string>());
        for (std::size_t i = 0; i < v.size() && i < max_questions; ++i) {
            std::string where = "/questions/" + std::to_string(i);
            question q;
            if (!check_.expect_object(v[i], where, {"id", "type"},
                                      {"red_flag", "options", "exclusive", "min", "max", "integer", "unit", "ask_when", "input"}))
                continue;
            q.id = check_.text(field(v[i], "id"), where + "/id");
            if (kb_.question_index(q.id) >= 0) check_.fail("kb.duplicate_id", where + "/id", "duplicate question id " + detail::quote(q.id));
            auto type = check_.text(field(v[i], "type"), where + "/type");
            const auto* t = std::find_if(type_ids.begin(), type_ids.end(), [&](const char* id) { return type == id; });
            if (t == type_ids.end()) {
                check_.fail("kb.unknown_type", where + "/type",
                            "unknown type " + detail::quote(type) + "; expected single, multiple, number or regions");
                continue;
            }
            q.type = static_cast<question_type>(t - type_ids.begin());
            if (const auto* flag = member(v[i], "red_flag")) {
                if (flag->is_boolean()) q.red_flag = flag->get<bool>();
                else check_.fail("kb.wrong_type", where + "/red_flag", "expected true or false");
            }
            if (q.type == question_type::number) read_number_question(v[i], where, q);
            else read_choice_question(v[i], where, q);
            if (const auto* when = member(v[i], "ask_when")) {
                // Only earlier questions may decide whether a question is asked: no cycles, a fixed order.
                const int index = static_cast<int>(kb_.questions.size());
                q.ask_when = conditions(*when, where + "/ask_when", {index, index, q.id, 1});
            }
            kb_.questions.push_back(std::move(q));
        }
        check_later_references();
    }

    /// Each ask_when naming a later question is an error; when the later question's own ask_when
    /// leads back (directly or through others), the error shows the cycle.
    void check_later_references() {
        const auto count = kb_.questions.size();
        std::vector<std::vector<int>> looks_at(count);
        for (std::size_t i = 0; i < count; ++i)
            for (const auto& c : kb_.questions[i].ask_when) collect_questions(c, looks_at[i]);
        for (const auto& ref : later_references_) {
            int to = kb_.question_index(ref.to);
            if (to >= 0) looks_at[ref.from].push_back(to);
        }
        for (const auto& ref : later_references_) {
            int to = kb_.question_index(ref.to);
            auto path = to >= 0 ? question_path(looks_at, to, ref.from) : std::vector<int>{};
            if (path.empty()) {
                check_.fail("kb.unknown_question", ref.where, "may only refer to questions asked earlier, not " + detail::quote(ref.to));
                continue;
            }
            std::string cycle = detail::quote(kb_.questions[ref.from].id);
            for (int q : path) cycle += " -> " + detail::quote(kb_.questions[q].id);
            check_.fail("kb.ask_when_cycle", ref.where,
                        "questions decide in a cycle whether each other is asked: " + cycle + "; an ask_when may only refer to questions asked earlier");
        }
    }

    /// Whether `c` is 'incomplete' or holds one inside its 'any' (at any depth).
    static bool mentions_incomplete(const condition& c) {
        return c.test == condition::kind::incomplete || std::any_of(c.any.begin(), c.any.end(), mentions_incomplete);
    }

    static void collect_questions(const condition& c, std::vector<int>& out) {
        if (c.question >= 0) out.push_back(c.question);
        for (const auto& each : c.any) collect_questions(each, out);
    }

    /// The shortest path from `from` to `to` along `edges`, both included, or empty when there is none.
    static std::vector<int> question_path(const std::vector<std::vector<int>>& edges, int from, int to) {
        std::vector<int> previous(edges.size(), -1);
        std::vector<int> queue = {from};
        previous[from] = from;
        for (std::size_t next = 0; next < queue.size(); ++next) {
            for (int q : edges[queue[next]]) {
                if (previous[q] >= 0) continue;
                previous[q] = queue[next];
                queue.push_back(q);
            }
        }
        if (previous[to] < 0) return {};
        std::vector<int> path = {to};
        while (path.back() != from) path.push_back(previous[path.back()]);
        std::reverse(path.begin(), path.end());
        return path;
    }

    void read_number_question(const json& v, const std::string& where, question& q) {
        for (const char* key : {"options", "exclusive"})
            if (member(v, key)) check_.fail("kb.unknown_field", where + "/" + key, "a number question has no " + std::string(key));
        auto number = [&](const char* key) {
            const json* n = member(v, key);
            if (!n || !n->is_number()) {
                check_.fail("kb.missing_field", where + "/" + key, "a number question needs a numeric " + detail::quote(key));
                return 0.0;
            }
            return n->get<double>();
        };
        q.min = number("min");
        q.max = number("max");
        if (!(q.min < q.max)) check_.fail("kb.bad_range", where, "min must be below max");
        if (const auto* integer = member(v, "integer")) q.integer = integer->is_boolean() && integer->get<bool>();
        if (const auto* unit = member(v, "unit")) q.unit = check_.text(*unit, where + "/unit");
        else check_.fail("kb.missing_field", where + "/unit", "a number question needs a unit");
        read_number_input(v, where, q);
    }

    /// "scale" needs a few whole points (texts for both ends come with the strings), "duration" hours.
    void read_number_input(const json& v, const std::string& where, question& q) {
        q.input = "number";
        const json* input = member(v, "input");
        if (!input) return;
        const std::string at = where + "/input";
        q.input = check_.text(*input, at);
        if (q.input == "scale") {
            if (!q.integer) check_.fail("kb.bad_scale", at, R"(a scale needs whole numbers ("integer": true))");
            else if (q.max - q.min + 1 > max_scale_points)
                check_.fail("kb.bad_scale", at, "a scale has at most " + std::to_string(static_cast<int>(max_scale_points)) + " points, from min to max");
        } else if (q.input == "duration") {
            if (q.unit != "hours") check_.fail("kb.bad_duration", at, R"(a duration is counted in hours ("unit": "hours"))");
        } else if (q.input != "number" && input->is_string()) {
            check_.fail("kb.unknown_input", at, "unknown input " + detail::quote(q.input) + "; expected scale, duration or number");
        }
    }

    /// The start screen's question: the emergency signs, each a way straight to a result, and "none" to go on.
    void read_start_question(const json& v) {
        auto id = check_.text(v, "/start_question");
        if (!v.is_string()) return;
        const int index = kb_.question_index(id);
        if (index < 0) {
            check_.fail("kb.unknown_question", "/start_question", "unknown question " + detail::quote(id));
            return;
        }
        const question& q = kb_.questions[index];
        if (q.type != question_type::multiple || !q.red_flag || q.exclusive == 0 || !q.ask_when.empty())
            check_.fail("kb.bad_start_question", "/start_question",
                        detail::quote(id) + " cannot start the check: the start question must be a red-flag multiple question, "
                        "always asked, with an exclusive option such as 'none'");
        kb_.start_question = index;
    }

    void read_choice_question(const json& v, const std::string& where, question& q) {
        for (const char* key : {"min", "max", "integer", "unit"})
            if (member(v, key)) check_.fail("kb.unknown_field", where + "/" + key, "a choice question has no " + std::string(key));
        q.input = q.type == question_type::regions ? "regions" : "choice";
        if (member(v, "input"))
            check_.fail("kb.input_not_allowed", where + "/input",
                        "only a number question takes an input; a " + std::string(question_type_id(q.type)) + " question's input is " + detail::quote(q.input));
        const json* options = member(v, "options");
        if (!options) {
            check_.fail("kb.missing_field", where + "/options", "a choice question needs options");
            return;
        }
        q.options = check_.id_list(*options, where + "/options");
        if (q.options.size() < 2) check_.fail("kb.too_few", where + "/options", "a choice question needs at least 2 options");
        if (q.options.size() > max_options) {
            check_.fail("kb.too_many", where + "/options", "at most " + std::to_string(max_options) + " options");
            q.options.resize(max_options);
        }
        if (const auto* exclusive = member(v, "exclusive")) {
            if (q.type == question_type::single)
                check_.fail("kb.unknown_field", where + "/exclusive", "only multiple-choice questions have exclusive options");
            q.exclusive = option_mask(q, *exclusive, where + "/exclusive");
        }
    }

    std::uint64_t option_mask(const question& q, const json& ids_json, const std::string& where) {
        std::uint64_t mask = 0;
        auto ids = check_.id_list(ids_json, where);
        if (ids.empty()) check_.fail("kb.too_few", where, "name at least one option");
        for (std::size_t i = 0; i < ids.size(); ++i) {
            int option = q.option_index(ids[i]);
            if (option < 0)
                check_.fail("kb.unknown_option", where + "/" + std::to_string(i),
                            "question " + detail::quote(q.id) + " has no option " + detail::quote(ids[i]));
            else mask |= std::uint64_t{1} << option;
        }
        return mask;
    }

    std::vector<condition> conditions(const json& v, const std::string& where, const condition_scope& scope) {
        std::vector<condition> list;
        if (!v.is_array()) {
            check_.fail("kb.wrong_type", where, "expected an array of conditions");
            return list;
        }
        for (std::size_t i = 0; i < v.size(); ++i)
            list.push_back(read_condition(v[i], where + "/" + std::to_string(i), scope));
        return list;
    }

    condition read_condition(const json& v, const std::string& where, const condition_scope& scope) {
        condition c;
        if (!v.is_object()) {
            check_.fail("kb.wrong_type", where, "expected a condition object");
            return c;
        }
        if (const auto* any = member(v, "any")) {
            check_.expect_object(v, where, {"any"});
            c.test = condition::kind::any;
            if (scope.depth >= max_condition_depth) {
                // Conditions are read and evaluated recursively: their nesting bounds the stack, whatever the document's.
                check_.fail("kb.too_deep", where + "/any",
                            "conditions may nest at most " + std::to_string(max_condition_depth) + " levels deep ('any' inside 'any')");
                return c;
            }
            condition_scope inner = scope;
            ++inner.depth;
            c.any = conditions(*any, where + "/any", inner);
            if (c.any.size() < 2) check_.fail("kb.too_few", where + "/any", "'any' needs at least 2 conditions");
            return c;
        }
        if (member(v, "incomplete")) {
            check_.expect_object(v, where, {"incomplete"});
            c.test = condition::kind::incomplete;
            if (field(v, "incomplete") != true) check_.fail("kb.wrong_type", where + "/incomplete", "expected true");
            // "incomplete" asks which questions apply, which is what ask_when decides: evaluating it
            // there would recurse without end.
            if (scope.asking >= 0)
                check_.fail("kb.ask_when_incomplete", where,
                            "'incomplete' cannot decide whether a question is asked: which questions are missing depends on ask_when itself");
            return c;
        }
        static const std::array<std::pair<const char*, condition::kind>, 6> tests = {{
            {"has_any", condition::kind::has_any}, {"has_all", condition::kind::has_all},
            {"is_any", condition::kind::is_any},   {"at_least", condition::kind::at_least},
            {"below", condition::kind::below},     {"unanswered", condition::kind::unanswered},
        }};
        const char* test_name = nullptr;
        for (const auto& [name, kind] : tests) {
            if (member(v, name)) {
                if (test_name) {
                    check_.fail("kb.ambiguous_condition", where, "one test per condition; use separate conditions");
                    return c;
                }
                test_name = name;
                c.test = kind;
            }
        }
        if (!test_name) {
            check_.fail("kb.missing_field", where,
                        "a condition needs a test: has_any, has_all, is_any, at_least, below, unanswered, incomplete or any");
            return c;
        }
        check_.expect_object(v, where, {"question", test_name});
        auto id = v.contains("question") ? check_.text(field(v, "question"), where + "/question") : std::string();
        c.question = kb_.question_index(id);
        const bool declared = std::find(declared_question_ids_.begin(), declared_question_ids_.end(), id) != declared_question_ids_.end();
        if (scope.asking >= 0 && id == scope.asking_id) {
            check_.fail("kb.ask_when_self", where, "a question cannot be asked depending on its own answer (" + detail::quote(id) + ")");
            c.question = -1;
            return c;
        }
        if (c.question < 0 || c.question >= scope.visible_questions) {
            if (declared && scope.asking >= 0) later_references_.push_back({scope.asking, id, where});
            else
                check_.fail("kb.unknown_question", where,
                            declared ? "may only refer to questions asked earlier, not " + detail::quote(id) : "unknown question " + detail::quote(id));
            c.question = -1;
            return c;
        }
        const question& q = kb_.questions[c.question];
        const json& arg = field(v, test_name);
        std::string arg_where = where + "/" + test_name;
        switch (c.test) {
            case condition::kind::has_any:
            case condition::kind::has_all:
                if (q.type != question_type::multiple && q.type != question_type::regions)
                    check_.fail("kb.wrong_test", arg_where, detail::quote(test_name) + " needs a multiple-choice question; " + detail::quote(q.id) + " is " + question_type_id(q.type));
                else c.options = option_mask(q, arg, arg_where);
                break;
            case condition::kind::is_any:
                if (q.type != question_type::single)
                    check_.fail("kb.wrong_test", arg_where, "'is_any' needs a single-choice question; " + detail::quote(q.id) + " is " + question_type_id(q.type));
                else c.options = option_mask(q, arg, arg_where);
                break;
            case condition::kind::at_least:
            case condition::kind::below:
                if (q.type != question_type::number) {
                    check_.fail("kb.wrong_test", arg_where, detail::quote(test_name) + " needs a number question; " + detail::quote(q.id) + " is " + question_type_id(q.type));
                } else if (!arg.is_number() || arg.get<double>() < q.min || arg.get<double>() > q.max) {
                    check_.fail("kb.out_of_range", arg_where, "expected a number within the question's range");
                } else {
                    c.threshold = arg.get<double>();
                }
                break;
            case condition::kind::unanswered:
                if (arg != true) check_.fail("kb.wrong_type", arg_where, "expected true");
                break;
            default:
                break;
        }
        return c;
    }

    void read_rules(const json& v) {
        if (!v.is_array() || v.empty()) {
            check_.fail("kb.wrong_type", "/rules", "expected a non-empty array");
            return;
        }
        if (v.size() > max_rules) check_.fail("kb.too_many", "/rules", "at most " + std::to_string(max_rules) + " rules");
        std::set<std::string> ids;
        for (std::size_t i = 0; i < v.size() && i < max_rules; ++i) {
            std::string where = "/rules/" + std::to_string(i);
            rule r;
            const bool shaped = options_.sources_required ? check_.expect_object(v[i], where, {"id", "requires", "when", "advice", "source"})
                                                          : check_.expect_object(v[i], where, {"id", "requires", "when", "advice"}, {"source"});
            if (!shaped) continue;
            r.id = check_.text(field(v[i], "id"), where + "/id");
            if (!ids.insert(r.id).second) check_.fail("kb.duplicate_id", where + "/id", "duplicate rule id " + detail::quote(r.id));
            auto level = check_.text(field(v[i], "requires"), where + "/requires");
            const auto* d = std::find_if(disposition_ids.begin(), disposition_ids.end(), [&](const char* id) { return level == id; });
            if (d == disposition_ids.end()) check_.fail("kb.unknown_disposition", where + "/requires", "unknown disposition " + detail::quote(level));
            else r.requires_at_least = static_cast<disposition>(d - disposition_ids.begin());
            r.when = conditions(field(v[i], "when"), where + "/when", {static_cast<int>(kb_.questions.size()), -1, {}, 1});
            r.advice = advice_refs(field(v[i], "advice"), where + "/advice");
            if (r.requires_at_least == disposition::self_care)
                for (int index : r.advice) kb_.advice[index].everyday = true;
            if (options_.sources_required || v[i].contains("source")) r.source = check_.text(field(v[i], "source"), where + "/source");
            kb_.rules.push_back(std::move(r));
        }
    }

    void read_timeline(const json& v) {
        if (!check_.expect_object(v, "/timeline", {"question", "peak_starts_hours", "peak_ends_hours", "usually_gone_hours", "seek_advice_hours"},
                                  {"not_sore_when", "recheck_after_hours"}))
            return;
        if (const auto* when = member(v, "not_sore_when")) {
            kb_.timeline.not_sore_when = conditions(*when, "/timeline/not_sore_when", {static_cast<int>(kb_.questions.size()), -1, {}, 1});
            for (std::size_t i = 0; i < kb_.timeline.not_sore_when.size(); ++i)
                if (mentions_incomplete(kb_.timeline.not_sore_when[i]))
                    check_.fail("kb.wrong_test", "/timeline/not_sore_when/" + std::to_string(i), "'incomplete' is for rules, not the timeline");
        }
        auto id = check_.text(field(v, "question"), "/timeline/question");
        kb_.timeline.question = kb_.question_index(id);
        if (kb_.timeline.question < 0 || kb_.questions[kb_.timeline.question].type != question_type::number)
            check_.fail("kb.unknown_question", "/timeline/question", "expected a number question, got " + detail::quote(id));
        auto hours = [&](const char* key) {
            if (!field(v, key).is_number() || field(v, key).get<double>() < 0) {
                check_.fail("kb.wrong_type", std::string("/timeline/") + key, "expected a number of hours");
                return 0.0;
            }
            return field(v, key).get<double>();
        };
        auto& t = kb_.timeline;
        t.peak_starts_hours = hours("peak_starts_hours");
        t.peak_ends_hours = hours("peak_ends_hours");
        t.usually_gone_hours = hours("usually_gone_hours");
        t.seek_advice_hours = hours("seek_advice_hours");
        if (!(t.peak_starts_hours < t.peak_ends_hours && t.peak_ends_hours <= t.usually_gone_hours &&
              t.usually_gone_hours <= t.seek_advice_hours))
            check_.fail("kb.bad_range", "/timeline", "expected peak_starts < peak_ends <= usually_gone <= seek_advice");
        if (const json* recheck = member(v, "recheck_after_hours")) {
            if (recheck->is_number() && recheck->get<double>() > 0) t.recheck_after_hours = recheck->get<double>();
            else check_.fail("kb.wrong_type", "/timeline/recheck_after_hours", "expected a number of hours above 0");
        } else {
            // A result that offers a reminder needs to know when: the timeline is read after the dispositions.
            for (const auto& disposition : kb_.dispositions)
                if (disposition.reminder) {
                    check_.fail("kb.missing_field", "/timeline", std::string("missing field 'recheck_after_hours' (disposition '") +
                                                                     disposition_id(disposition.level) + "' offers a reminder)");
                    break;
                }
        }
    }

    void read_limits(const json& v) {
        if (!check_.expect_object(v, "/limits", {"answers_max_bytes", "answers_max_depth"})) return;
        for (auto [key, target] : {std::pair{"answers_max_bytes", &kb_.limits.answers_max_bytes},
                                   std::pair{"answers_max_depth", &kb_.limits.answers_max_depth}}) {
            if (field(v, key).is_number_unsigned() && field(v, key).get<std::size_t>() > 0) *target = field(v, key).get<std::size_t>();
            else check_.fail("kb.wrong_type", std::string("/limits/") + key, "expected a positive whole number");
        }
    }

    void check_reachability() {
        std::array<bool, disposition_count> required{};
        for (auto& r : kb_.rules) required[static_cast<int>(r.requires_at_least)] = true;
        for (int i = 0; i < disposition_count; ++i)
            if (!required[i])
                check_.fail("kb.unreachable", "/dispositions/" + std::to_string(i), "no rule leads to " + detail::quote(disposition_ids[i]));
        for (std::size_t i = 0; i < advice_used_.size(); ++i)
            if (!advice_used_[i])
                check_.fail("kb.unused_advice", "/advice/" + std::to_string(i), "no rule or disposition gives advice " + detail::quote(kb_.advice[i].id));
    }
};

// Conditions nest ("any" inside "any") and are read and evaluated recursively: a bound on nesting
// bounds the stack. The shipped files nest 8 levels at most.
constexpr std::size_t max_document_depth = 32;

json parse_document(std::string_view text, const char* name, validator& check) {
    if (detail::nesting_depth(text, max_document_depth) > max_document_depth) {
        check.fail("kb.too_deep", "/", std::string(name) + ": nested more than " + std::to_string(max_document_depth) + " levels deep");
        return {};
    }
    std::string problem;
    auto doc = detail::parse(text, problem);
    if (!doc) check.fail("kb.parse_error", "/", std::string(name) + ": " + problem);
    return doc ? std::move(*doc) : json{};
}

}  // namespace

const char* disposition_id(disposition d) { return disposition_ids[static_cast<int>(d)]; }
const char* question_type_id(question_type t) { return type_ids[static_cast<int>(t)]; }

int question::option_index(std::string_view option_id) const {
    auto it = std::find(options.begin(), options.end(), option_id);
    return it == options.end() ? -1 : static_cast<int>(it - options.begin());
}

int knowledge_base::question_index(std::string_view id) const {
    auto it = std::find_if(questions.begin(), questions.end(), [&](const question& q) { return q.id == id; });
    return it == questions.end() ? -1 : static_cast<int>(it - questions.begin());
}

int knowledge_base::advice_index(std::string_view id) const {
    auto it = std::find_if(advice.begin(), advice.end(), [&](const advice_item& a) { return a.id == id; });
    return it == advice.end() ? -1 : static_cast<int>(it - advice.begin());
}

load_result load_knowledge_base(std::string_view knowledge_json, std::string_view strings_json, const load_options& options) {
    validator check;
    knowledge_base kb;
    loader load(check, kb, options);
    json knowledge = parse_document(knowledge_json, "the knowledge base", check);
    if (!check.errors.empty()) return {std::nullopt, check.errors};
    load.read_knowledge(knowledge);
    if (!check.errors.empty()) return {std::nullopt, check.errors};
    json strings = parse_document(strings_json, "the strings file", check);
    if (!check.errors.empty()) return {std::nullopt, check.errors};
    load.read_strings(strings);
    if (!check.errors.empty()) return {std::nullopt, check.errors};
    return {std::move(kb), {}};
}

}  // namespace soreness
