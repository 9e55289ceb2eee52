#pragma once

#include "relay/time/PosixTimeZoneRule.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace callsnare::relay {

// One zone read from a TZif file (RFC 8536): its transitions, and the POSIX
// rule for the time after the last one. Immutable once parsed, so one copy
// serves every thread. Offsets are seconds east of UTC.
class TzifZone {
public:
    // A stretch of time with one UTC offset, from `start` (UTC seconds) until
    // the next segment's start.
    struct Segment {
        std::int64_t start;
        std::int32_t offset;
    };

    // nullopt when `bytes` is not a complete, consistent TZif file. Version 2
    // and later files are read from their 64-bit section and footer; a
    // version 1 file from its 32-bit data. Files with leap-second records
    // are refused: their timestamps count leap seconds and Instant does not.
    static std::optional<TzifZone> parse(std::string_view bytes);

    std::int32_t offsetAt(std::int64_t utcSeconds) const;
    // The segments covering [from, to], in order, adjacent ones with different
    // offsets; the first starts at `from`.
    std::vector<Segment> segmentsBetween(std::int64_t from, std::int64_t to) const;
    // The UTC instant of a wall-clock reading, by the rule in domain/Time.h: in a
    // spring-forward gap the offset from before the gap (which lands past it),
    // in a fall-back overlap the earlier instant.
    std::int64_t utcFor(std::int64_t localSeconds) const;

private:
    TzifZone() = default;

    // The offset of transition `index`'s local time type.
    std::int32_t offsetAfterTransition(std::size_t index) const;
    // Whether the footer rule, not the transition table, decides the offset then.
    bool footerRulesAt(std::int64_t utcSeconds) const;

    std::vector<std::int64_t> m_transitionTimes;
    std::vector<std::uint8_t> m_transitionTypes;
    std::vector<std::int32_t> m_typeOffsets;
    std::optional<PosixTimeZoneRule> m_footer;
};

} // namespace callsnare::relay
