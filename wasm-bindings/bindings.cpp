// Embind surface of the assessment core. It only translates: strings in, JSON envelopes out
// ({"ok":true,"result":...} or {"ok":false,"error":...}), so JS never holds a C++ object to delete.
// Nothing can throw across this boundary: the core reports errors as values and is built without
// exceptions, so there is nothing to catch here.

#include <malloc.h>

#include <memory>
#include <string>
#include <vector>

#include <emscripten/bind.h>

#include "soreness/checker.hpp"

namespace {

// One loaded knowledge base per handle, so one module can serve several languages or widgets.
std::vector<std::unique_ptr<soreness::checker>> checkers;

const soreness::checker* find(int handle) {
    if (handle < 0 || handle >= static_cast<int>(checkers.size())) return nullptr;
    return checkers[handle].get();
}

std::string no_checker(int handle) {
    return soreness::error_json({"checker.closed", "/", "no loaded knowledge base with handle " + std::to_string(handle)});
}

std::string load(const std::string& knowledge_json, const std::string& strings_json) {
    // The browser shows no sources, and the site's copy of the knowledge base leaves them out (web/build);
    // the native loader, which every test run gives the full file, requires them.
    auto loaded = soreness::load_knowledge_base(knowledge_json, strings_json, {/*sources_required=*/false});
    if (!loaded.knowledge) return soreness::error_json(loaded.errors.front());
    checkers.push_back(std::make_unique<soreness::checker>(std::move(*loaded.knowledge)));
    return R"({"ok":true,"result":)" + std::to_string(checkers.size() - 1) + "}";
}

void unload(int handle) {
    if (find(handle)) checkers[handle].reset();
}

std::string assess(int handle, const std::string& answers_json) {
    const auto* c = find(handle);
    return c ? c->assess_json(answers_json) : no_checker(handle);
}

std::string next_questions(int handle, const std::string& answers_json) {
    const auto* c = find(handle);
    return c ? c->next_questions_json(answers_json) : no_checker(handle);
}

std::string step(int handle, const std::string& answers_json, bool with_assessment) {
    const auto* c = find(handle);
    return c ? c->step_json(answers_json, with_assessment) : no_checker(handle);
}

std::string questions(int handle) {
    const auto* c = find(handle);
    return c ? c->questions_json() : no_checker(handle);
}

std::string about(int handle) {
    const auto* c = find(handle);
    return c ? c->about_json() : no_checker(handle);
}

// Diagnostics for the leak test: the WebAssembly memory (it only grows, in 64 KiB pages) and the
// bytes malloc currently hands out. Doubles, because JS numbers are.
double heap_bytes() { return static_cast<double>(__builtin_wasm_memory_size(0)) * 65536.0; }
double allocated_bytes() { return static_cast<double>(mallinfo().uordblks); }

}  // namespace

EMSCRIPTEN_BINDINGS(soreness_core) {
    emscripten::function("load", &load);
    emscripten::function("unload", &unload);
    emscripten::function("assess", &assess);
    emscripten::function("nextQuestions", &next_questions);
    emscripten::function("step", &step);
    emscripten::function("questions", &questions);
    emscripten::function("about", &about);
    emscripten::function("heapBytes", &heap_bytes);
    emscripten::function("allocatedBytes", &allocated_bytes);
}
