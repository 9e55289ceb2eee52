#include "relay/time/PosixTimeZoneRule.h"

#include <algorithm>
#include <chrono>
#include <cstddef>

namespace callsnare::relay {

namespace {

using namespace std::chrono;

constexpr std::int64_t kSecondsPerDay = 86400;
// std::chrono::year holds -32767..32767; instants beyond that are read as the
// nearest year it can hold (no zone's rule means anything there).
constexpr int kLowestYear = -30000;
constexpr int kHighestYear = 30000;

std::int64_t floorDiv(std::int64_t value, std::int64_t divisor)
{
    const std::int64_t quotient = value / divisor;
    return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient;
}

int clampYear(std::int64_t year)
{
    return static_cast<int>(std::clamp<std::int64_t>(year, kLowestYear, kHighestYear));
}

// The calendar year of a wall-clock reading in seconds.
int yearOf(std::int64_t localSeconds)
{
    constexpr std::int64_t limitDays = std::int64_t{366} * kHighestYear;
    const std::int64_t dayCount = std::clamp(floorDiv(localSeconds, kSecondsPerDay), -limitDays, limitDays);
    return clampYear(static_cast<int>(year_month_day{sys_days{days{dayCount}}}.year()));
}

std::int64_t dayNumber(year_month_day date)
{
    return sys_days{date}.time_since_epoch().count();
}

// Reads the TZ string left to right; every reader returns false on anything
// RFC 8536 does not allow.
class Reader {
public:
    explicit Reader(std::string_view text) : m_text(text) { }

    bool atEnd() const { return m_pos == m_text.size(); }
    bool peek(char c) const { return m_pos < m_text.size() && m_text[m_pos] == c; }
    bool peekDigit() const { return m_pos < m_text.size() && isDigit(m_text[m_pos]); }
    bool peekSign() const { return peek('+') || peek('-'); }
    bool take(char c)
    {
        if (!peek(c)) {
            return false;
        }
        ++m_pos;
        return true;
    }

    // "EST" (three or more letters) or "<+0545>" (letters, digits, + and -).
    bool name()
    {
        if (take('<')) {
            const std::size_t begin = m_pos;
            while (m_pos < m_text.size()
                   && (isLetter(m_text[m_pos]) || isDigit(m_text[m_pos]) || m_text[m_pos] == '+'
                       || m_text[m_pos] == '-')) {
                ++m_pos;
            }
            return m_pos - begin >= 3 && take('>');
        }
        const std::size_t begin = m_pos;
        while (m_pos < m_text.size() && isLetter(m_text[m_pos])) {
            ++m_pos;
        }
        return m_pos - begin >= 3;
    }

    // [+-]hh[:mm[:ss]] in seconds, hours up to `maxHours`.
    bool duration(int maxHours, std::int32_t& seconds)
    {
        int sign = 1;
        if (take('-')) {
            sign = -1;
        } else {
            take('+');
        }
        int hours = 0;
        int minutes = 0;
        int secs = 0;
        if (!number(1, 3, hours) || hours > maxHours) {
            return false;
        }
        if (take(':')) {
            if (!number(1, 2, minutes) || minutes > 59) {
                return false;
            }
            if (take(':') && (!number(1, 2, secs) || secs > 59)) {
                return false;
            }
        }
        seconds = sign * (hours * 3600 + minutes * 60 + secs);
        return true;
    }

    bool number(std::size_t minDigits, std::size_t maxDigits, int& value)
    {
        const std::size_t begin = m_pos;
        value = 0;
        while (m_pos < m_text.size() && isDigit(m_text[m_pos]) && m_pos - begin < maxDigits) {
            value = value * 10 + (m_text[m_pos] - '0');
            ++m_pos;
        }
        return m_pos - begin >= minDigits && !peekDigit();
    }

private:
    static bool isDigit(char c) { return c >= '0' && c <= '9'; }
    static bool isLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

    std::string_view m_text;
    std::size_t m_pos = 0;
};

} // namespace

std::optional<PosixTimeZoneRule> PosixTimeZoneRule::parse(std::string_view text)
{
    Reader reader(text);
    PosixTimeZoneRule rule;
    std::int32_t westOffset = 0;
    if (!reader.name() || !reader.duration(24, westOffset)) {
        return std::nullopt;
    }
    rule.m_standardOffset = -westOffset;
    rule.m_dstOffset = rule.m_standardOffset;
    if (reader.atEnd()) {
        return rule;
    }
    if (!reader.name()) {
        return std::nullopt;
    }
    rule.m_hasDst = true;
    rule.m_dstOffset = rule.m_standardOffset + 3600;
    if (reader.peekDigit() || reader.peekSign()) {
        if (!reader.duration(24, westOffset)) {
            return std::nullopt;
        }
        rule.m_dstOffset = -westOffset;
    }

    const auto dayRule = [&reader](DayRule& day) {
        if (!reader.take(',')) {
            return false;
        }
        if (reader.take('J')) {
            day.kind = DayRule::Kind::JulianNoLeap;
            if (!reader.number(1, 3, day.day) || day.day < 1 || day.day > 365) {
                return false;
            }
        } else if (reader.take('M')) {
            day.kind = DayRule::Kind::MonthWeekDay;
            if (!reader.number(1, 2, day.month) || day.month < 1 || day.month > 12 || !reader.take('.')
                || !reader.number(1, 1, day.week) || day.week < 1 || day.week > 5 || !reader.take('.')
                || !reader.number(1, 1, day.day) || day.day > 6) {
                return false;
            }
        } else {
            day.kind = DayRule::Kind::ZeroBased;
            if (!reader.number(1, 3, day.day) || day.day > 365) {
                return false;
            }
        }
        // TZif version 3 allows -167..167 hours here (RFC 8536 3.3.1).
        return !reader.take('/') || reader.duration(167, day.secondsAfterMidnight);
    };
    if (!dayRule(rule.m_start) || !dayRule(rule.m_end) || !reader.atEnd()) {
        return std::nullopt;
    }
    return rule;
}

namespace {

// The first second of the day `rule` names in `year`, as a wall-clock reading.
template <typename Rule> std::int64_t ruleLocalSeconds(const Rule& rule, int year)
{
    const std::chrono::year y{year};
    std::int64_t day = 0;
    switch (rule.kind) {
    case Rule::Kind::JulianNoLeap:
        // Jn never counts February 29: J60 is always March 1.
        day = dayNumber(y / January / 1) + rule.day - 1 + ((y.is_leap() && rule.day >= 60) ? 1 : 0);
        break;
    case Rule::Kind::ZeroBased:
        day = dayNumber(y / January / 1) + rule.day;
        break;
    case Rule::Kind::MonthWeekDay: {
        const year_month firstOfMonth = y / month{static_cast<unsigned>(rule.month)};
        const std::int64_t first = dayNumber(firstOfMonth / 1);
        const std::int64_t nextMonth = dayNumber((firstOfMonth + months{1}) / 1);
        const int firstWeekday = static_cast<int>(weekday{sys_days{days{first}}}.c_encoding());
        day = first + (rule.day - firstWeekday + 7) % 7 + 7 * (rule.week - 1);
        // Week 5 means the last such weekday of the month.
        while (day >= nextMonth) {
            day -= 7;
        }
        break;
    }
    }
    return day * kSecondsPerDay + rule.secondsAfterMidnight;
}

} // namespace

std::int64_t PosixTimeZoneRule::dstStartUtc(std::int64_t year) const
{
    // DST starts at a wall-clock time read in standard time, and ends at one read in DST.
    return ruleLocalSeconds(m_start, clampYear(year)) - m_standardOffset;
}

std::int64_t PosixTimeZoneRule::dstEndUtc(std::int64_t year) const
{
    return ruleLocalSeconds(m_end, clampYear(year)) - m_dstOffset;
}

bool PosixTimeZoneRule::isDstAt(std::int64_t utcSeconds) const
{
    if (!m_hasDst) {
        return false;
    }
    const int year = yearOf(utcSeconds + m_standardOffset);
    const std::int64_t start = dstStartUtc(year);
    const std::int64_t end = dstEndUtc(year);
    if (start < end) {
        return utcSeconds >= start && utcSeconds < end;
    }
    // Southern hemisphere: DST runs across the new year.
    return !(utcSeconds >= end && utcSeconds < start);
}

std::int32_t PosixTimeZoneRule::offsetAt(std::int64_t utcSeconds) const
{
    return isDstAt(utcSeconds) ? m_dstOffset : m_standardOffset;
}

std::vector<PosixTimeZoneRule::Change> PosixTimeZoneRule::changesBetween(std::int64_t from,
                                                                         std::int64_t to) const
{
    std::vector<Change> changes;
    if (!m_hasDst || to <= from) {
        return changes;
    }
    const int firstYear = yearOf(from + m_standardOffset) - 1;
    const int lastYear = yearOf(to + m_standardOffset) + 1;
    for (int year = firstYear; year <= lastYear; ++year) {
        const Change start{dstStartUtc(year), m_dstOffset};
        const Change end{dstEndUtc(year), m_standardOffset};
        for (const Change& change : {end, start}) {
            if (change.at > from && change.at <= to) {
                changes.push_back(change);
            }
        }
    }
    // Where one year's end meets the next year's start (DST all year), the
    // end must come first so that DST is what stays in force.
    std::stable_sort(changes.begin(), changes.end(), [this](const Change& a, const Change& b) {
        if (a.at != b.at) {
            return a.at < b.at;
        }
        return a.offsetAfter == m_standardOffset && b.offsetAfter != m_standardOffset;
    });
    return changes;
}

} // namespace callsnare::relay
