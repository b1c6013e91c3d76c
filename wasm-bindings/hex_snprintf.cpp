// The wasm's snprintf and sprintf, for their only two callers, which format nothing but hexadecimal numbers:
// - nlohmann/json's snprintf, "<U+%.4X>" (a parse error naming a control character). Its other formats, "\\u%04x"
//   and "\\u%04x\\u%04x" (dump() escaping one), are no longer linked since the core writes its replies with
//   json_writer, which escapes without printf.
// - Embind's sprintf, "%p" in __getTypeName (a type's name, for the glue's error about an unbound type; with RTTI
//   off the name is the type's address).
// libc's versions are all of printf, floating point included: linking these instead keeps about 3 KB of gzip out of
// the wasm for snprintf and 2 KB more for sprintf (docs/performance.md, "Size audit of the wasm"). They format %x,
// %X and %p with an optional 0 flag, width and precision, as C (musl) does; any other conversion traps, so a new
// caller cannot get wrong text silently. tests/data/answer-errors.json has a case for the parse error's format, and
// one for the escape json_writer now writes; tests/js/hostile.test.mjs reads type names through the
// shipped wasm's __getTypeName.

#include <array>
#include <cstdarg>
#include <cstddef>
#include <cstdint>

namespace {

// Writes what C's vsnprintf would for a format of %x, %X and %p conversions; returns the full length.
int format_hex(char* out, std::size_t size, const char* format, std::va_list args) {
    std::size_t length = 0;
    auto put = [&](char c) {
        if (length + 1 < size) out[length] = c;
        ++length;
    };
    auto number = [](const char*& f) {
        int n = 0;
        while (*f >= '0' && *f <= '9') n = n * 10 + (*f++ - '0');
        return n;
    };
    for (const char* f = format; *f != '\0'; ++f) {
        if (*f != '%') {
            put(*f);
            continue;
        }
        ++f;
        const bool zero_pad = *f == '0';
        if (zero_pad) ++f;
        const int width = number(f);
        int precision = -1;
        if (*f == '.') precision = number(++f);
        if (*f != 'x' && *f != 'X' && *f != 'p') __builtin_trap();
        const bool pointer = *f == 'p';
        const char* digits = *f == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        // va_start in the callers initialises args; the analyzer loses track of it across the lambdas (a false report).
        std::uintptr_t value = pointer ? reinterpret_cast<std::uintptr_t>(va_arg(args, void*))  // NOLINT(clang-analyzer-valist.Uninitialized)
                                       : va_arg(args, unsigned);
        // musl prints a pointer as "0x" and its digits, and a null one as "0".
        const bool prefix = pointer && value != 0;
        std::array<char, 2 * sizeof(std::uintptr_t)> reversed{};
        int count = 0;
        do {
            reversed[count++] = digits[value & 15U];
            value >>= 4;
        } while (value != 0);
        const int shown = (precision > count ? precision : count) + (prefix ? 2 : 0);
        for (int i = shown; i < width; ++i) put(zero_pad && precision < 0 ? '0' : ' ');
        if (prefix) {
            put('0');
            put('x');
        }
        for (int i = count + (prefix ? 2 : 0); i < shown; ++i) put('0');
        while (count > 0) put(reversed[--count]);
    }
    if (size > 0) out[length < size ? length : size - 1] = '\0';
    return static_cast<int>(length);
}

}  // namespace

extern "C" int snprintf(char* out, std::size_t size, const char* format, ...) {
    std::va_list args;
    va_start(args, format);
    const int length = format_hex(out, size, format, args);
    va_end(args);
    return length;
}

extern "C" int sprintf(char* out, const char* format, ...) {
    std::va_list args;
    va_start(args, format);
    const int length = format_hex(out, SIZE_MAX, format, args);
    va_end(args);
    return length;
}

// The name Embind's call has after the compiler's rewrite of a sprintf without floating point (LLVM's libcall
// simplifier, on for Emscripten). musl defines it next to sprintf, so without this one libc's would still be linked.
extern "C" int siprintf(char* out, const char* format, ...) __attribute__((alias("sprintf")));
