#include "json_text.hpp"

namespace soreness::detail {

namespace {

// nlohmann's message quotes the raw input it stopped at, which may be invalid UTF-8 or megabytes
// long: keep the message printable ASCII and short.
std::string printable_excerpt(std::string_view what) {
    constexpr std::size_t max_length = 160;
    std::string out;
    for (char c : what.substr(0, max_length)) out += c >= 0x20 && c < 0x7f ? c : '?';
    if (what.size() > max_length) out += "...";
    return out;
}

// Only used after a failed parse, to learn where it failed: nlohmann's non-throwing parse
// does not say, and its SAX interface reports the position without throwing.
struct error_locator : nlohmann::json_sax<json> {
    std::string problem;
    bool null() override { return true; }
    bool boolean(bool /*value*/) override { return true; }
    bool number_integer(number_integer_t /*value*/) override { return true; }
    bool number_unsigned(number_unsigned_t /*value*/) override { return true; }
    bool number_float(number_float_t /*value*/, const string_t& /*text*/) override { return true; }
    bool string(string_t& /*value*/) override { return true; }
    bool binary(binary_t& /*value*/) override { return true; }
    bool start_object(std::size_t /*elements*/) override { return true; }
    bool key(string_t& /*value*/) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t /*elements*/) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string& /*last_token*/, const nlohmann::detail::exception& ex) override {
        std::string what = ex.what();
        // Drop nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: " prefix.
        auto colon = what.find(": ");
        problem = "invalid JSON at byte " + std::to_string(position) + ": " +
                  printable_excerpt(colon == std::string::npos ? what : std::string_view(what).substr(colon + 2));
        return false;
    }
};

}  // namespace

const json& field(const json& object, const char* key) {
    static const json absent;
    if (!object.is_object()) return absent;
    auto it = object.find(key);
    return it == object.end() ? absent : *it;
}

std::optional<json> parse(std::string_view text, std::string& problem) {
    json value = json::parse(text.begin(), text.end(), nullptr, false);
    if (!value.is_discarded()) return value;
    error_locator locator;
    json::sax_parse(text.begin(), text.end(), &locator);
    problem = locator.problem.empty() ? "invalid JSON" : locator.problem;
    return std::nullopt;
}

std::size_t nesting_depth(std::string_view text, std::size_t limit) {
    std::size_t depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
            if (deepest > limit) return deepest;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

std::string dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace soreness::detail
