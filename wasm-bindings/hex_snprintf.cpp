// The wasm's snprintf. nlohmann/json is its only caller: "<U+%.4X>" (a parse error naming a control character).
// Its other formats, "\\u%04x" and "\\u%04x\\u%04x" (dump() escaping one), are no longer linked since the core
// writes its replies with json_writer, which escapes without printf. libc's snprintf is all of printf, floating
// point included: linking this one instead keeps about 3 KB of gzip out of the wasm (docs/performance.md, "Size
// audit of the wasm"). It formats %x and %X with an optional 0 flag, width and precision, as C does; any other
// conversion traps, so a new caller cannot get wrong text silently. tests/data/answer-errors.json has a case for the
// parse error's format, and one for the escape json_writer now writes.

#include <cstdarg>
#include <cstddef>

extern "C" int snprintf(char* out, std::size_t size, const char* format, ...) {
    std::va_list args;
    va_start(args, format);
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
        if (*f != 'x' && *f != 'X') __builtin_trap();
        const char* digits = *f == 'x' ? "0123456789abcdef" : "0123456789ABCDEF";
        // va_start above initialises args; the analyzer loses track of it across the lambdas (a false report).
        unsigned value = va_arg(args, unsigned);  // NOLINT(clang-analyzer-valist.Uninitialized)
        char reversed[8];
        int count = 0;
        do {
            reversed[count++] = digits[value & 15U];
            value >>= 4;
        } while (value != 0);
        const int shown = precision > count ? precision : count;
        for (int i = shown; i < width; ++i) put(zero_pad && precision < 0 ? '0' : ' ');
        for (int i = count; i < shown; ++i) put('0');
        while (count > 0) put(reversed[--count]);
    }
    va_end(args);
    if (size > 0) out[length < size ? length : size - 1] = '\0';
    return static_cast<int>(length);
}
