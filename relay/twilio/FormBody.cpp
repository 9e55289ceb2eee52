#include "relay/twilio/FormBody.h"

#include <cstdint>

namespace callsnare::relay {

namespace {

using domain::Error;
using domain::makeError;

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// Well-formed UTF-8 per RFC 3629: no overlong forms, no surrogates, nothing
// above U+10FFFF. Storage (PostgreSQL text) refuses anything else, so it is
// refused here with a clear error instead of failing later.
bool isValidUtf8(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        std::uint32_t codePoint = 0;
        if (lead < 0x80) {
            ++i;
            continue;
        }
        if (lead >= 0xC2 && lead <= 0xDF) {
            extra = 1;
            codePoint = lead & 0x1Fu;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            extra = 2;
            codePoint = lead & 0x0Fu;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            extra = 3;
            codePoint = lead & 0x07u;
        } else {
            return false;
        }
        if (i + extra >= text.size()) {
            return false;
        }
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0u) != 0x80u) {
                return false;
            }
            codePoint = (codePoint << 6) | (next & 0x3Fu);
        }
        const bool overlong = (extra == 2 && codePoint < 0x800) || (extra == 3 && codePoint < 0x10000);
        const bool surrogate = codePoint >= 0xD800 && codePoint <= 0xDFFF;
        if (overlong || surrogate || codePoint > 0x10FFFF) {
            return false;
        }
        i += extra + 1;
    }
    return true;
}

domain::Result<std::string> decodeComponent(std::string_view encoded)
{
    std::string decoded;
    decoded.reserve(encoded.size());
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        const char c = encoded[i];
        if (c == '+') {
            decoded.push_back(' ');
        } else if (c == '%') {
            if (i + 2 >= encoded.size()) {
                return makeError("malformed_body", "The form body has an incomplete percent escape.");
            }
            const int high = hexValue(encoded[i + 1]);
            const int low = hexValue(encoded[i + 2]);
            if (high < 0 || low < 0) {
                return makeError("malformed_body", "The form body has an invalid percent escape.");
            }
            decoded.push_back(static_cast<char>(high * 16 + low));
            i += 2;
        } else {
            decoded.push_back(c);
        }
    }
    if (decoded.find('\0') != std::string::npos) {
        return makeError("malformed_body", "The form body contains a NUL character.");
    }
    if (!isValidUtf8(decoded)) {
        return makeError("malformed_body", "The form body is not valid UTF-8.");
    }
    return decoded;
}

bool isUnreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
        || c == '_' || c == '~';
}

void encodeComponent(std::string& out, std::string_view text)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (isUnreserved(byte)) {
            out.push_back(c);
        } else if (c == ' ') {
            out.push_back('+');
        } else {
            out.push_back('%');
            out.push_back(hex[byte >> 4]);
            out.push_back(hex[byte & 0x0Fu]);
        }
    }
}

} // namespace

domain::Result<FormBody> FormBody::parse(std::string_view body, std::size_t maxBytes)
{
    if (body.size() > maxBytes) {
        return makeError("body_too_large",
                         "The form body is larger than " + std::to_string(maxBytes) + " bytes.");
    }
    // Encoders differ in which punctuation they escape, but none leaves
    // bytes outside printable ASCII, or characters RFC 3986 never allows
    // unescaped, in a form body.
    static constexpr std::string_view neverRaw = "\"<>\\^`{|}";
    for (const char c : body) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte >= 0x7F || neverRaw.find(c) != std::string_view::npos) {
            return makeError("malformed_body",
                             "The form body contains a character that must be percent-encoded.");
        }
    }

    FormParams params;
    std::size_t start = 0;
    while (start <= body.size()) {
        std::size_t end = body.find('&', start);
        if (end == std::string_view::npos) {
            end = body.size();
        }
        const std::string_view pair = body.substr(start, end - start);
        start = end + 1;
        if (pair.empty()) {
            continue; // "a=1&&b=2" and a trailing '&' carry no pair
        }
        const std::size_t equals = pair.find('=');
        const std::string_view encodedName = pair.substr(0, equals);
        const std::string_view encodedValue
            = equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1);
        if (encodedName.empty()) {
            return makeError("malformed_body", "The form body has a value without a name.");
        }
        auto name = decodeComponent(encodedName);
        if (!name) {
            return name.error();
        }
        auto value = decodeComponent(encodedValue);
        if (!value) {
            return value.error();
        }
        if (params.size() == MaxParams) {
            return makeError("body_too_large",
                             "The form body has more than " + std::to_string(MaxParams) + " fields.");
        }
        params.push_back(FormParam{std::move(name).value(), std::move(value).value()});
    }
    return FormBody(std::move(params));
}

std::optional<std::string_view> FormBody::value(std::string_view name) const
{
    for (const FormParam& param : m_params) {
        if (param.name == name) {
            return std::string_view(param.value);
        }
    }
    return std::nullopt;
}

std::string_view FormBody::valueOr(std::string_view name, std::string_view fallback) const
{
    return value(name).value_or(fallback);
}

std::vector<std::string_view> FormBody::values(std::string_view name) const
{
    std::vector<std::string_view> found;
    for (const FormParam& param : m_params) {
        if (param.name == name) {
            found.emplace_back(param.value);
        }
    }
    return found;
}

std::string FormBody::encode(const FormParams& params)
{
    std::string out;
    for (const FormParam& param : params) {
        if (!out.empty()) {
            out.push_back('&');
        }
        encodeComponent(out, param.name);
        out.push_back('=');
        encodeComponent(out, param.value);
    }
    return out;
}

} // namespace callsnare::relay
