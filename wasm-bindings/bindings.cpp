// Embind surface of the assessment core. It only translates: strings in, JSON envelopes out
// ({"ok":true,"result":...} or {"ok":false,"error":...}), so JS never holds a C++ object to delete.
// Nothing can throw across this boundary: the core reports errors as values and is built without
// exceptions, so there is nothing to catch here.

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
    auto loaded = soreness::load_knowledge_base(knowledge_json, strings_json);
    if (!loaded.knowledge) return soreness::error_json(loaded.errors.front());
    checkers.push_back(std::make_unique<soreness::checker>(std::move(*loaded.knowledge)));
    return "{\"ok\":true,\"result\":" + std::to_string(checkers.size() - 1) + "}";
}

void unload(int handle) {
    if (find(handle)) checkers[handle].reset();
}

std::string assess(int handle, const std::string& answers_json) {
    auto* c = find(handle);
    return c ? c->assess_json(answers_json) : no_checker(handle);
}

std::string next_questions(int handle, const std::string& answers_json) {
    auto* c = find(handle);
    return c ? c->next_questions_json(answers_json) : no_checker(handle);
}

std::string questions(int handle) {
    auto* c = find(handle);
    return c ? c->questions_json() : no_checker(handle);
}

std::string about(int handle) {
    auto* c = find(handle);
    return c ? c->about_json() : no_checker(handle);
}

}  // namespace

EMSCRIPTEN_BINDINGS(soreness_core) {
    emscripten::function("load", &load);
    emscripten::function("unload", &unload);
    emscripten::function("assess", &assess);
    emscripten::function("nextQuestions", &next_questions);
    emscripten::function("questions", &questions);
    emscripten::function("about", &about);
}
