#pragma once

#include <string>
#include <utility>
#include <variant>

namespace callsnare::domain {

// A failure the caller can act on: a stable machine-readable code (used in
// relay JSON errors and tests) and a sentence a person can read.
struct Error {
    std::string code;
    std::string message;

    friend bool operator==(const Error&, const Error&) = default;
};

// The value of an operation that can fail for reasons that belong to the
// domain (bad input, an illegal transition). Such failures are values, never
// exceptions, so every layer can report them as it needs.
template <typename T> class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) { }
    Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) { }

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<0>(m_state); }
    T& value() & { return std::get<0>(m_state); }
    T&& value() && { return std::get<0>(std::move(m_state)); }
    const T* operator->() const { return &value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(m_state); }

private:
    std::variant<T, Error> m_state;
};

template <> class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) { }

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

inline Error makeError(std::string code, std::string message)
{
    return Error{std::move(code), std::move(message)};
}

} // namespace callsnare::domain
