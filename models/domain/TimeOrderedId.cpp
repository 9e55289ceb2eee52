#include "domain/TimeOrderedId.h"

namespace callsnare::domain {

std::string timeOrderedId(std::chrono::system_clock::time_point at,
                          const std::array<std::uint8_t, 10>& random)
{
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
    const auto stamp = static_cast<std::uint64_t>(millis < 0 ? 0 : millis);
    std::array<std::uint8_t, 16> bytes{};
    for (int i = 0; i < 6; ++i) {
        bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(stamp >> (8 * (5 - i)));
    }
    for (std::size_t i = 0; i < random.size(); ++i) {
        bytes[6 + i] = random[i];
    }
    bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0F) | 0x70); // version 7
    bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
    static constexpr char Hex[] = "0123456789abcdef";
    std::string id;
    id.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            id += '-';
        }
        id += Hex[bytes[i] >> 4];
        id += Hex[bytes[i] & 0x0F];
    }
    return id;
}

} // namespace callsnare::domain
