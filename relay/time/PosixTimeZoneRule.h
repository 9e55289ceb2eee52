#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace callsnare::relay {

// The POSIX TZ string at the end of a TZif file ("EST5EDT,M3.2.0,M11.1.0",
// "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0"): the rule in force after the last
// transition the file lists, which is how TZif files describe the future.
// Offsets here are seconds east of UTC (the string itself counts west).
class PosixTimeZoneRule {
public:
    // One offset change the rule makes: at `at` (UTC seconds) the offset becomes `offsetAfter`.
    struct Change {
        std::int64_t at;
        std::int32_t offsetAfter;
    };

    // nullopt when `text` is not a TZ string as RFC 8536 allows it (a DST
    // name without start and end rules is refused: their default is
    // implementation-defined).
    static std::optional<PosixTimeZoneRule> parse(std::string_view text);

    std::int32_t offsetAt(std::int64_t utcSeconds) const;
    // The changes in (from, to], in order.
    std::vector<Change> changesBetween(std::int64_t from, std::int64_t to) const;

private:
    // A day of the year as the TZ string writes it: Jn, n or Mm.w.d.
    struct DayRule {
        enum class Kind { JulianNoLeap, ZeroBased, MonthWeekDay } kind = Kind::MonthWeekDay;
        int day = 0; // Jn: 1..365, n: 0..365, Mm.w.d: weekday 0..6 (Sunday 0)
        int month = 0;
        int week = 0;
        std::int32_t secondsAfterMidnight = 7200; // may be negative or past 24 h (RFC 8536 3.3.1)
    };

    PosixTimeZoneRule() = default;

    // The UTC instants DST starts and ends in `year`.
    std::int64_t dstStartUtc(std::int64_t year) const;
    std::int64_t dstEndUtc(std::int64_t year) const;
    bool isDstAt(std::int64_t utcSeconds) const;

    std::int32_t m_standardOffset = 0;
    std::int32_t m_dstOffset = 0;
    bool m_hasDst = false;
    DayRule m_start;
    DayRule m_end;
};

} // namespace callsnare::relay
