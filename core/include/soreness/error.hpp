#pragma once
/// Errors as data: a stable code, where it happened (a JSON pointer), and a message a person can act on.

#include <string>
#include <utility>
#include <variant>

namespace soreness {

struct error {
    std::string code;     ///< stable id, e.g. "answers.out_of_range"
    std::string where;    ///< JSON pointer into the document that was read, e.g. "/pain_now"
    std::string message;  ///< what is wrong, in plain words

    /// "<where>: <message>", the text shown to people and checked by tests.
    std::string text() const { return where + ": " + message; }
};

/// A value or an error; nothing in the core throws.
template <class T>
class outcome {
public:
    outcome(T value) : state_(std::move(value)) {}
    outcome(error failure) : state_(std::move(failure)) {}

    bool ok() const { return state_.index() == 0; }
    const T& value() const { return std::get<0>(state_); }
    T& value() { return std::get<0>(state_); }
    const error& failure() const { return std::get<1>(state_); }

private:
    std::variant<T, error> state_;
};

}  // namespace soreness
