#include "domain/SmsSegments.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>
#include <vector>

namespace callsnare::domain {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// GSM 03.38 default alphabet, non-ASCII part; ASCII is handled by range below.
constexpr auto kGsmBasicNonAscii = std::to_array<char32_t>(
    {// £ ¥ è é ù ì ò Ç Ø ø Å å
     0x00A3, 0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC, 0x00F2, 0x00C7, 0x00D8, 0x00F8, 0x00C5, 0x00E5,
     // Δ Φ Γ Λ Ω Π Ψ Σ Θ Ξ
     0x0394, 0x03A6, 0x0393, 0x039B, 0x03A9, 0x03A0, 0x03A8, 0x03A3, 0x0398, 0x039E,
     // Æ æ ß É ¤ ¡ Ä Ö Ñ Ü § ¿
     0x00C6, 0x00E6, 0x00DF, 0x00C9, 0x00A4, 0x00A1, 0x00C4, 0x00D6, 0x00D1, 0x00DC, 0x00A7, 0x00BF,
     // ä ö ñ ü à
     0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0});
static_assert(kGsmBasicNonAscii.size() == 39);

constexpr auto kGsmExtension = std::to_array<char32_t>({
    0x000C, '^', '{', '}', '\\', '[', '~', ']', '|', 0x20AC, // form feed ... €
});

// Septets a code point costs in GSM-7: 1 (basic table), 2 (escape + extension
// table), or 0 when it is not in GSM-7 at all.
int gsmSeptets(char32_t c)
{
    if (std::find(kGsmExtension.begin(), kGsmExtension.end(), c) != kGsmExtension.end()) {
        return 2;
    }
    if (c == '\n' || c == '\r') {
        return 1;
    }
    // Printable ASCII is all in the basic table except the backtick (and the
    // extension characters handled above).
    if (c >= 0x20 && c <= 0x7E) {
        return c == '`' ? 0 : 1;
    }
    return std::find(kGsmBasicNonAscii.begin(), kGsmBasicNonAscii.end(), c) != kGsmBasicNonAscii.end() ? 1
                                                                                                       : 0;
}

// Decodes UTF-8, replacing each maximal invalid subsequence with U+FFFD (the
// Unicode / WHATWG practice), so bad bytes never vanish from the count.
std::vector<char32_t> decodeUtf8(std::string_view text)
{
    std::vector<char32_t> out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            out.push_back(byte);
            ++i;
            continue;
        }
        int needed = 0;
        char32_t value = 0;
        unsigned char lowest = 0x80;
        unsigned char highest = 0xBF;
        if (byte >= 0xC2 && byte <= 0xDF) {
            needed = 1;
            value = byte & 0x1FU;
        } else if (byte >= 0xE0 && byte <= 0xEF) {
            needed = 2;
            value = byte & 0x0FU;
            lowest = byte == 0xE0 ? 0xA0 : 0x80; // no overlongs
            highest = byte == 0xED ? 0x9F : 0xBF; // no surrogates
        } else if (byte >= 0xF0 && byte <= 0xF4) {
            needed = 3;
            value = byte & 0x07U;
            lowest = byte == 0xF0 ? 0x90 : 0x80; // no overlongs
            highest = byte == 0xF4 ? 0x8F : 0xBF; // nothing past U+10FFFF
        } else {
            out.push_back(kReplacement);
            ++i;
            continue;
        }
        ++i;
        bool complete = true;
        for (int k = 0; k < needed; ++k) {
            if (i >= text.size()) {
                complete = false;
                break;
            }
            const auto next = static_cast<unsigned char>(text[i]);
            if (next < lowest || next > highest) {
                complete = false; // the offending byte starts the next character
                break;
            }
            value = (value << 6) | (next & 0x3FU);
            lowest = 0x80;
            highest = 0xBF;
            ++i;
        }
        out.push_back(complete ? value : kReplacement);
    }
    return out;
}

// Packs characters of the given costs into segments of `capacity` units
// without splitting one across two; returns segments and room left in the last.
std::pair<int, int> pack(const std::vector<int>& costs, int capacity)
{
    int segments = 1;
    int used = 0;
    for (const int cost : costs) {
        if (used + cost > capacity) {
            ++segments;
            used = 0;
        }
        used += cost;
    }
    return {segments, capacity - used};
}

} // namespace

SmsSegmentCount countSmsSegments(std::string_view utf8)
{
    constexpr int gsmSingle = 160;
    constexpr int gsmMulti = 153;
    constexpr int ucsSingle = 70;
    constexpr int ucsMulti = 67;

    const std::vector<char32_t> characters = decodeUtf8(utf8);
    if (characters.empty()) {
        return {SmsEncoding::Gsm7, 0, 0, gsmSingle};
    }

    std::vector<int> costs;
    costs.reserve(characters.size());
    bool gsm = true;
    for (const char32_t c : characters) {
        const int septets = gsmSeptets(c);
        if (septets == 0) {
            gsm = false;
            break;
        }
        costs.push_back(septets);
    }
    if (!gsm) {
        costs.clear();
        for (const char32_t c : characters) {
            costs.push_back(c > 0xFFFF ? 2 : 1);
        }
    }

    int units = 0;
    for (const int cost : costs) {
        units += cost;
    }
    const int single = gsm ? gsmSingle : ucsSingle;
    const SmsEncoding encoding = gsm ? SmsEncoding::Gsm7 : SmsEncoding::Ucs2;
    if (units <= single) {
        return {encoding, 1, units, single - units};
    }
    const auto [segments, left] = pack(costs, gsm ? gsmMulti : ucsMulti);
    return {encoding, segments, units, left};
}

} // namespace callsnare::domain
