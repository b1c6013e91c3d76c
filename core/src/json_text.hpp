#pragma once
// Internal: JSON parsing without exceptions (the WebAssembly build has none) that still says where
// the text went wrong, and the writer the core's results are made with.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace soreness::detail {

using json = nlohmann::json;

/// The member `key` of `object`, or null when absent (const operator[] would be undefined behaviour).
const json& field(const json& object, const char* key);

/// Parses `text`; on failure returns nullopt and sets `problem` to e.g. "invalid JSON at byte 7: ...". When given,
/// `repeated_top_level_key` receives the first key that the top-level object has twice ("" when none: a repeated
/// key would otherwise keep only its last value, silently).
std::optional<json> parse(std::string_view text, std::string& problem, std::string* repeated_top_level_key = nullptr);

/// Deepest nesting of arrays and objects, counted without parsing, stopping once past `limit`.
std::size_t nesting_depth(std::string_view text, std::size_t limit);

/// An id in single quotes, as error messages show it.
inline std::string quote(std::string_view id) { return "'" + std::string(id) + "'"; }

/// Compact JSON text, byte for byte as nlohmann's dump() with error_handler_t::replace: invalid UTF-8 is replaced
/// rather than thrown on. Written by json_writer, so nlohmann's serializer is not linked.
std::string dump(const json& value);

/// Appends JSON text to one string, so a result is written as it is made instead of built as a tree of
/// nlohmann::json values and then dumped (docs/performance.md, "Speed of the wasm"). The text is what dump() of
/// the same tree gives, byte for byte, when the caller writes each object's keys in the order nlohmann's std::map
/// keeps them (sorted by byte): strings escaped alike (RFC 8259; control characters as \u00xx, non-ASCII kept as
/// UTF-8, each invalid UTF-8 sequence replaced by U+FFFD), doubles in nlohmann's shortest round-trip form
/// ("24.0", "0.5"; not finite: null). tests/unit/test_json_text.cpp checks both.
class json_writer {
public:
    json_writer() { out_.reserve(4096); }

    json_writer& begin_object() { return open('{'); }
    json_writer& end_object() { return close('}'); }
    json_writer& begin_array() { return open('['); }
    json_writer& end_array() { return close(']'); }
    /// A member's key; its value comes next.
    json_writer& key(std::string_view name);

    // One method per JSON type, named, so that an int is never printed as a double ("24" is not "24.0").
    json_writer& text(std::string_view value);
    json_writer& boolean(bool value) { return raw(value ? "true" : "false"); }
    json_writer& integer(long long value);
    json_writer& number(double value);
    json_writer& null() { return raw("null"); }
    json_writer& texts(const std::vector<std::string>& values);
    /// Any parsed value (an object's keys come in nlohmann's order).
    json_writer& value(const json& value);

    std::string take() { return std::move(out_); }

private:
    json_writer& open(char bracket);
    json_writer& close(char bracket);
    json_writer& raw(std::string_view token);
    template <class Integer>
    json_writer& whole(Integer value);
    void separate() {
        if (!first_) out_ += ',';
        first_ = false;
    }

    std::string out_;
    bool first_ = true;  ///< nothing yet in the current array or object (or after a key): no comma before the next
};

}  // namespace soreness::detail
