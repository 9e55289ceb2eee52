#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <string>

namespace callsnare::domain {

// A version 7 UUID (RFC 9562) in its 36-character text form: 48 bits of Unix
// milliseconds, then random bits. Ids made later sort after ids made earlier,
// so a B-tree index on them grows at its right edge: inserting a new lead or
// contact touches the last page, which the previous insert already loaded and
// dirtied, instead of a random page of a large index. For the same reason
// their random (version 4) ancestors cost a page read and a page write per
// index per row on both the relay and the encrypted store.
//
// `random` supplies the other 74 bits (10 bytes; 6 bits are the version and
// variant). Two ids of the same millisecond order by those bits.
std::string timeOrderedId(std::chrono::system_clock::time_point at,
                          const std::array<std::uint8_t, 10>& random);

} // namespace callsnare::domain
