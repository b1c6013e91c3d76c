// The wasm's strtod. nlohmann/json is its only caller, with a number its lexer has already checked against JSON's
// grammar, for every number with a fraction or an exponent (in the answers and the knowledge base). musl's strtod
// rounds correctly by working in long double, which wasm has only in software: it and that arithmetic are about
// 4 KB of gzip (docs/performance.md, "Size audit of the wasm"). JavaScript's Number() also rounds correctly to
// the nearest double, so the result is the same number, at no cost in bytes the browser does not already have.
// It reads the longest prefix that is a JSON number and nothing else (no spaces, "inf", hex or a leading "+"),
// as that is all nlohmann passes; with no such prefix it converts nothing, as strtod does. strtof and strtold are
// here too, only because libc++'s std::stof and std::stold name them (and would link musl's strtod with them);
// nothing calls them, and a call would trap, so that a new caller cannot get a wrongly rounded number silently.
// tests/js/hostile.test.mjs sends this wasm the numbers whose rounding decides an answer (the same as
// tests/unit/test_answers.cpp checks natively), and tests/data/answer-errors.json has the largest double's edges.

#include <cstddef>

#include <emscripten.h>

// Defined in JavaScript: the glue calls no eval for it (EM_JS is written into the glue at link time).
EM_JS(double, number_of_ascii, (const char* text, int length), { return Number(UTF8ToString(text, length)); });

namespace {

const char* skip_digits(const char* p) {
    while (*p >= '0' && *p <= '9') ++p;
    return p;
}

/// The end of the JSON number at the start of text, or text itself when none is there.
const char* json_number_end(const char* text) {
    const char* p = text;
    if (*p == '-') ++p;
    const char* digits = p;
    p = skip_digits(p);
    if (p == digits) return text;
    if (*p == '.' && p[1] >= '0' && p[1] <= '9') p = skip_digits(p + 1);
    if (*p == 'e' || *p == 'E') {
        const char* exponent = p + 1;
        if (*exponent == '+' || *exponent == '-') ++exponent;
        if (*exponent >= '0' && *exponent <= '9') p = skip_digits(exponent);
    }
    return p;
}

}  // namespace

extern "C" double strtod(const char* text, char** end) {
    const char* number_end = json_number_end(text);
    // strtod's interface: the end pointer is not const, though nothing is written through it.
    if (end != nullptr) *end = const_cast<char*>(number_end);  // NOLINT(cppcoreguidelines-pro-type-const-cast)
    return number_end == text ? 0.0 : number_of_ascii(text, static_cast<int>(number_end - text));
}

extern "C" float strtof(const char* /*text*/, char** /*end*/) { __builtin_trap(); }
extern "C" long double strtold(const char* /*text*/, char** /*end*/) { __builtin_trap(); }
