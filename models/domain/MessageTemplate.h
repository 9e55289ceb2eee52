#pragma once

#include "domain/Result.h"

#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace callsnare::domain {

// The placeholders a template may use, in the order the editor lists them:
// company, first_name, booking_time, booking_date, technician, office_phone, address.
std::span<const std::string_view> knownPlaceholders();

using TemplateValues = std::map<std::string, std::string, std::less<>>;

// An organization's text with "{{name}}" placeholders, e.g.
// "Hi {{first_name}}, this is {{company}}. Sorry we missed your call!".
// Whitespace inside the braces is allowed ("{{ company }}"). Single braces and
// a stray "}}" are plain text. The opening "{{" is the first two braces found
// and the name runs to the next "}}", so "{{{company}}}" names "{company" and
// is refused rather than guessed at.
class MessageTemplate {
public:
    // Errors: "template_syntax" (an unclosed "{{", with its character offset;
    // an empty "{{}}"), "unknown_placeholder" (naming it and the known ones).
    static Result<MessageTemplate> parse(std::string_view text);

    const std::string& text() const { return m_text; }
    // Each placeholder once, in the order of first use.
    const std::vector<std::string>& placeholders() const { return m_placeholders; }

    // Every placeholder needs a value ("missing_value" otherwise); an empty
    // value is allowed. Values go in verbatim: braces in them are not expanded.
    Result<std::string> render(const TemplateValues& values) const;

private:
    // A run of literal text, or a placeholder when isPlaceholder.
    struct Piece {
        std::string text;
        bool isPlaceholder = false;
    };

    MessageTemplate() = default;

    std::string m_text;
    std::vector<Piece> m_pieces;
    std::vector<std::string> m_placeholders;
};

} // namespace callsnare::domain
