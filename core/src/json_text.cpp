#include "json_text.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <set>

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

// Every JSON text the core reads goes through this one SAX handler, so nlohmann's parser is compiled once (its
// callback and DOM parsers were two more copies of it, and a failed parse used to be read again to learn where it
// failed): it builds the value with nlohmann's own DOM builder, notes the first key repeated in the top-level object,
// and keeps the error's position and message.
class value_builder {
public:
    using number_integer_t = json::number_integer_t;
    using number_unsigned_t = json::number_unsigned_t;
    using number_float_t = json::number_float_t;
    using string_t = json::string_t;
    using binary_t = json::binary_t;

    explicit value_builder(json& result) : dom_(result, false) {}

    bool null() { return dom_.null(); }
    bool boolean(bool value) { return dom_.boolean(value); }
    bool number_integer(number_integer_t value) { return dom_.number_integer(value); }
    bool number_unsigned(number_unsigned_t value) { return dom_.number_unsigned(value); }
    bool number_float(number_float_t value, const string_t& text) { return dom_.number_float(value, text); }
    bool string(string_t& value) { return dom_.string(value); }
    bool binary(binary_t& value) { return dom_.binary(value); }
    bool start_object(std::size_t elements) {
        ++depth_;
        return dom_.start_object(elements);
    }
    bool key(string_t& name) {
        if (depth_ == 1 && repeated_key.empty() && !top_level_keys_.insert(name).second) repeated_key = name;
        return dom_.key(name);
    }
    bool end_object() {
        --depth_;
        return dom_.end_object();
    }
    bool start_array(std::size_t elements) {
        ++depth_;
        return dom_.start_array(elements);
    }
    bool end_array() {
        --depth_;
        return dom_.end_array();
    }
    bool parse_error(std::size_t position, const std::string& /*last_token*/, const nlohmann::detail::exception& ex) {
        std::string what = ex.what();
        // Drop nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: " prefix.
        auto colon = what.find(": ");
        problem = "invalid JSON at byte " + std::to_string(position) + ": " +
                  printable_excerpt(colon == std::string::npos ? what : std::string_view(what).substr(colon + 2));
        return false;
    }

    std::string problem;
    std::string repeated_key;

private:
    nlohmann::detail::json_sax_dom_parser<json> dom_;
    int depth_ = 0;
    std::set<std::string> top_level_keys_;
};

}  // namespace

const json& field(const json& object, const char* key) {
    static const json absent;
    if (!object.is_object()) return absent;
    auto it = object.find(key);
    return it == object.end() ? absent : *it;
}

std::optional<json> parse(std::string_view text, std::string& problem, std::string* repeated_top_level_key) {
    json value;
    value_builder builder(value);
    if (!json::sax_parse(text.begin(), text.end(), &builder)) {
        problem = builder.problem.empty() ? "invalid JSON" : builder.problem;
        return std::nullopt;
    }
    if (repeated_top_level_key != nullptr) *repeated_top_level_key = builder.repeated_key;
    return value;
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

namespace {

/// Bytes that stand for themselves inside a JSON string: printable ASCII but the quote and the backslash.
bool plain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

/// How many bytes the well-formed UTF-8 sequence at `at` has (Unicode's table 3-7, the same sequences as the
/// decoder nlohmann's dump() uses), or 0 when it is not one; `bad` is then where the next sequence starts as
/// nlohmann reads on: after a bad first byte, or at the byte that broke an otherwise good start.
std::size_t utf8_length(std::string_view s, std::size_t at, std::size_t& bad) {
    const auto c = static_cast<unsigned char>(s[at]);
    const std::size_t length = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (length == 0) {
        bad = at + 1;
        return 0;
    }
    // The second byte's range (no overlong forms, no surrogates, nothing past U+10FFFF); the later ones are 80..BF.
    const unsigned char low = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    const unsigned char high = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    for (std::size_t k = 1; k < length; ++k) {
        const bool cut_short = at + k == s.size();
        const auto next = cut_short ? 0 : static_cast<unsigned char>(s[at + k]);
        if (cut_short || next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF)) {
            bad = at + k;
            return 0;
        }
    }
    return length;
}

void append_escaped(std::string& out, std::string_view s) {
    static constexpr std::string_view hex = "0123456789abcdef";
    out += '"';
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t run = i;
        while (run < s.size() && plain(static_cast<unsigned char>(s[run]))) ++run;
        out.append(s.data() + i, run - i);
        if (run == s.size()) break;
        i = run;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            std::size_t bad = 0;
            const std::size_t length = utf8_length(s, i, bad);
            if (length > 0) {
                out.append(s.data() + i, length);
                i += length;
            } else {
                out += "\xEF\xBF\xBD";  // U+FFFD, as nlohmann's error_handler_t::replace writes it
                i = bad;
            }
            continue;
        }
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\f': out += "\\f"; break;
            case '\r': out += "\\r"; break;
            default: {
                const std::array<char, 6> escape = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
                out.append(escape.data(), escape.size());
            }
        }
        ++i;
    }
    out += '"';
}

}  // namespace

json_writer& json_writer::open(char bracket) {
    separate();
    out_ += bracket;
    first_ = true;
    return *this;
}

json_writer& json_writer::close(char bracket) {
    out_ += bracket;
    first_ = false;
    return *this;
}

json_writer& json_writer::raw(std::string_view token) {
    separate();
    out_ += token;
    return *this;
}

json_writer& json_writer::key(std::string_view name) {
    separate();
    append_escaped(out_, name);
    out_ += ':';
    first_ = true;
    return *this;
}

json_writer& json_writer::text(std::string_view value) {
    separate();
    append_escaped(out_, value);
    return *this;
}

template <class Integer>
json_writer& json_writer::whole(Integer value) {
    std::array<char, 24> digits{};
    const char* end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
    return raw(std::string_view(digits.data(), static_cast<std::size_t>(end - digits.data())));
}

json_writer& json_writer::integer(long long value) { return whole(value); }

json_writer& json_writer::number(double value) {
    if (!std::isfinite(value)) return null();
    std::array<char, 64> digits{};  // nlohmann's own buffer size for its to_chars
    const char* end = nlohmann::detail::to_chars(digits.data(), digits.data() + digits.size(), value);
    return raw(std::string_view(digits.data(), static_cast<std::size_t>(end - digits.data())));
}

json_writer& json_writer::texts(const std::vector<std::string>& values) {
    begin_array();
    for (const auto& each : values) text(each);
    return end_array();
}

json_writer& json_writer::value(const json& value) {
    switch (value.type()) {
        case json::value_t::object:
            begin_object();
            for (const auto& [name, member] : value.get_ref<const json::object_t&>()) key(name).value(member);
            return end_object();
        case json::value_t::array:
            begin_array();
            for (const auto& each : value.get_ref<const json::array_t&>()) this->value(each);
            return end_array();
        case json::value_t::string: return text(value.get_ref<const std::string&>());
        case json::value_t::boolean: return boolean(value.get<bool>());
        case json::value_t::number_integer: return integer(value.get<json::number_integer_t>());
        case json::value_t::number_unsigned: return whole(value.get<json::number_unsigned_t>());
        case json::value_t::number_float: return number(value.get<double>());
        // Null, and what parsing never gives (binary, discarded).
        default: return null();
    }
}

std::string dump(const json& value) { return json_writer().value(value).take(); }

}  // namespace soreness::detail
