#pragma once
// Internal: JSON parsing without exceptions (the WebAssembly build has none) that still says where
// the text went wrong.

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace soreness::detail {

using json = nlohmann::json;

/// The member `key` of `object`, or null when absent (const operator[] would be undefined behaviour).
const json& field(const json& object, const char* key);

/// Parses `text`; on failure returns nullopt and sets `problem` to e.g. "invalid JSON at byte 7: ...".
std::optional<json> parse(std::string_view text, std::string& problem);

/// Deepest nesting of arrays and objects, counted without parsing, stopping once past `limit`.
std::size_t nesting_depth(std::string_view text, std::size_t limit);

/// An id in single quotes, as error messages show it.
inline std::string quote(std::string_view id) { return "'" + std::string(id) + "'"; }

/// Compact JSON text; invalid UTF-8 is replaced rather than thrown on.
std::string dump(const json& value);

}  // namespace soreness::detail
