#pragma once

#include "domain/Result.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace callsnare::relay {

// One name=value pair of a form body, both decoded.
struct FormParam {
    std::string name;
    std::string value;

    friend bool operator==(const FormParam&, const FormParam&) = default;
};

using FormParams = std::vector<FormParam>;

// An application/x-www-form-urlencoded body (what Twilio posts), parsed
// strictly: a body a correct encoder cannot produce is refused instead of
// guessed at, so a malformed request stores nothing.
class FormBody {
public:
    // Twilio's largest bodies (a 1600-character text of 4-byte characters,
    // percent-encoded, plus the call fields) stay far below this.
    static constexpr std::size_t DefaultMaxBytes = 64 * 1024;
    static constexpr std::size_t MaxParams = 512;

    // Errors: "body_too_large" (over maxBytes or MaxParams pairs),
    // "malformed_body" (a bad percent escape, an empty name, a control
    // character, invalid UTF-8 after decoding).
    static domain::Result<FormBody> parse(std::string_view body, std::size_t maxBytes = DefaultMaxBytes);

    FormBody() = default;
    explicit FormBody(FormParams params) : m_params(std::move(params)) { }

    // Every pair, in the order of the body, repeated names included.
    const FormParams& params() const { return m_params; }
    // The first value of `name`; nullopt when absent.
    std::optional<std::string_view> value(std::string_view name) const;
    // The first value of `name`, or an empty view when absent.
    std::string_view valueOr(std::string_view name, std::string_view fallback = {}) const;
    // Every value of `name`, in order.
    std::vector<std::string_view> values(std::string_view name) const;
    bool contains(std::string_view name) const { return value(name).has_value(); }

    // The body encoded again (RFC 3986 unreserved kept, space as '+'); used by
    // tests and the load generator to build requests.
    static std::string encode(const FormParams& params);

private:
    FormParams m_params;
};

} // namespace callsnare::relay
