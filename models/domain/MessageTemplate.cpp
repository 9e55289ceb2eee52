#include "domain/MessageTemplate.h"
#include "domain/AsciiText.h"

#include <algorithm>
#include <array>
#include <cstddef>

namespace callsnare::domain {

namespace {

constexpr std::array<std::string_view, 7> kKnownPlaceholders = {
    "company", "first_name", "booking_time", "booking_date", "technician", "office_phone", "address",
};

// Offsets in messages count characters (code points) as a person sees them,
// not UTF-8 bytes, so an emoji earlier in the text counts as one.
std::size_t characterOffset(std::string_view text, std::size_t byteOffset)
{
    std::size_t characters = 0;
    for (std::size_t i = 0; i < byteOffset && i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) {
            ++characters;
        }
    }
    return characters;
}

std::string knownList()
{
    std::string list;
    for (const std::string_view name : kKnownPlaceholders) {
        if (!list.empty()) {
            list += ", ";
        }
        list += name;
    }
    return list;
}

} // namespace

std::span<const std::string_view> knownPlaceholders()
{
    return kKnownPlaceholders;
}

Result<MessageTemplate> MessageTemplate::parse(std::string_view text)
{
    MessageTemplate parsed;
    parsed.m_text = std::string(text);

    std::size_t position = 0;
    while (position < text.size()) {
        const std::size_t open = text.find("{{", position);
        if (open == std::string_view::npos) {
            parsed.m_pieces.push_back({std::string(text.substr(position)), false});
            break;
        }
        if (open > position) {
            parsed.m_pieces.push_back({std::string(text.substr(position, open - position)), false});
        }
        const std::size_t close = text.find("}}", open + 2);
        if (close == std::string_view::npos) {
            return makeError("template_syntax",
                             "The \"{{\" at character offset " + std::to_string(characterOffset(text, open))
                                 + " is never closed with \"}}\".");
        }
        const std::string_view name = trimAsciiSpace(text.substr(open + 2, close - open - 2));
        if (name.empty()) {
            return makeError("template_syntax",
                             "The \"{{}}\" at character offset " + std::to_string(characterOffset(text, open))
                                 + " has no placeholder name between the braces.");
        }
        if (std::find(kKnownPlaceholders.begin(), kKnownPlaceholders.end(), name)
            == kKnownPlaceholders.end()) {
            return makeError("unknown_placeholder",
                             "The template uses \"{{" + std::string(name)
                                 + "}}\", which is not a known placeholder; known ones are " + knownList()
                                 + ".");
        }
        parsed.m_pieces.push_back({std::string(name), true});
        if (std::find(parsed.m_placeholders.begin(), parsed.m_placeholders.end(), name)
            == parsed.m_placeholders.end()) {
            parsed.m_placeholders.emplace_back(name);
        }
        position = close + 2;
    }
    return parsed;
}

Result<std::string> MessageTemplate::render(const TemplateValues& values) const
{
    std::string out;
    out.reserve(m_text.size());
    for (const Piece& piece : m_pieces) {
        if (!piece.isPlaceholder) {
            out += piece.text;
            continue;
        }
        const auto found = values.find(piece.text);
        if (found == values.end()) {
            return makeError("missing_value",
                             "The template needs a value for \"{{" + piece.text + "}}\" and none was given.");
        }
        out += found->second;
    }
    return out;
}

} // namespace callsnare::domain
