#include "relay/time/TzifZone.h"

#include <algorithm>
#include <limits>

namespace callsnare::relay {

namespace {

// RFC 8536 3.2: a UT offset is within (-25 h, +26 h).
constexpr std::int32_t kLowestOffset = -89999;
constexpr std::int32_t kHighestOffset = 93599;
// Every instant that reads as a given wall-clock time lies within this many
// seconds of it.
constexpr std::int64_t kSearchWindow = 27 * 3600;

std::int64_t saturatingAdd(std::int64_t a, std::int64_t b)
{
    std::int64_t sum = 0;
    if (__builtin_add_overflow(a, b, &sum)) {
        return b > 0 ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
    }
    return sum;
}

// Big-endian fields, every read bounds-checked: a truncated file fails here.
class ByteReader {
public:
    explicit ByteReader(std::string_view bytes) : m_bytes(bytes) { }

    std::size_t remaining() const { return m_bytes.size() - m_pos; }
    std::size_t position() const { return m_pos; }

    bool skip(std::uint64_t count)
    {
        if (count > remaining()) {
            return false;
        }
        m_pos += static_cast<std::size_t>(count);
        return true;
    }
    bool bytes(std::size_t count, std::string_view& out)
    {
        if (count > remaining()) {
            return false;
        }
        out = m_bytes.substr(m_pos, count);
        m_pos += count;
        return true;
    }
    bool u8(std::uint8_t& out)
    {
        std::uint64_t value = 0;
        const bool ok = unsignedBig(1, value);
        out = static_cast<std::uint8_t>(value);
        return ok;
    }
    bool u32(std::uint32_t& out)
    {
        std::uint64_t value = 0;
        const bool ok = unsignedBig(4, value);
        out = static_cast<std::uint32_t>(value);
        return ok;
    }
    bool i32(std::int32_t& out)
    {
        std::uint32_t value = 0;
        const bool ok = u32(value);
        out = static_cast<std::int32_t>(value);
        return ok;
    }
    bool i64(std::int64_t& out)
    {
        std::uint64_t value = 0;
        const bool ok = unsignedBig(8, value);
        out = static_cast<std::int64_t>(value);
        return ok;
    }

private:
    bool unsignedBig(std::size_t size, std::uint64_t& value)
    {
        if (size > remaining()) {
            return false;
        }
        value = 0;
        for (std::size_t i = 0; i < size; ++i) {
            value = (value << 8) | static_cast<unsigned char>(m_bytes[m_pos + i]);
        }
        m_pos += size;
        return true;
    }

    std::string_view m_bytes;
    std::size_t m_pos = 0;
};

struct Header {
    char version = 0;
    std::uint32_t isUtCount = 0;
    std::uint32_t isStdCount = 0;
    std::uint32_t leapCount = 0;
    std::uint32_t timeCount = 0;
    std::uint32_t typeCount = 0;
    std::uint32_t charCount = 0;

    // The size of the data block that follows, for times of `timeSize` bytes.
    std::uint64_t dataSize(std::uint64_t timeSize) const
    {
        return timeCount * timeSize + timeCount + std::uint64_t{typeCount} * 6 + charCount
            + leapCount * (timeSize + 4) + isStdCount + isUtCount;
    }
};

// A header, and whether the data block it announces (times of `timeSize` bytes) is all there.
bool readHeader(ByteReader& reader, Header& header, std::uint64_t timeSize)
{
    std::string_view magic;
    std::uint8_t version = 0;
    if (!reader.bytes(4, magic) || magic != "TZif" || !reader.u8(version) || !reader.skip(15)) {
        return false;
    }
    header.version = static_cast<char>(version);
    if (header.version != '\0' && (header.version < '2' || header.version > '4')) {
        return false;
    }
    return reader.u32(header.isUtCount) && reader.u32(header.isStdCount) && reader.u32(header.leapCount)
        && reader.u32(header.timeCount) && reader.u32(header.typeCount) && reader.u32(header.charCount)
        && reader.remaining() >= header.dataSize(timeSize);
}

} // namespace

std::optional<TzifZone> TzifZone::parse(std::string_view bytes)
{
    ByteReader reader(bytes);
    Header header;
    if (!readHeader(reader, header, 4)) {
        return std::nullopt;
    }
    std::uint64_t timeSize = 4;
    if (header.version != '\0') {
        // Skip the 32-bit block: the second header and its 64-bit data say the same and more.
        const char version = header.version;
        if (!reader.skip(header.dataSize(4)) || !readHeader(reader, header, 8) || header.version != version) {
            return std::nullopt;
        }
        timeSize = 8;
    }
    // RFC 8536 3.1: at least one type and one designation byte, and the
    // indicator arrays either absent or one entry per type.
    if (header.typeCount == 0 || header.typeCount > 256 || header.charCount == 0
        || (header.isUtCount != 0 && header.isUtCount != header.typeCount)
        || (header.isStdCount != 0 && header.isStdCount != header.typeCount) || header.leapCount != 0) {
        return std::nullopt;
    }

    TzifZone zone;
    zone.m_transitionTimes.reserve(header.timeCount);
    for (std::uint32_t i = 0; i < header.timeCount; ++i) {
        std::int64_t at = 0;
        if (timeSize == 8) {
            reader.i64(at);
        } else {
            std::int32_t at32 = 0;
            reader.i32(at32);
            at = at32;
        }
        if (!zone.m_transitionTimes.empty() && at <= zone.m_transitionTimes.back()) {
            return std::nullopt;
        }
        zone.m_transitionTimes.push_back(at);
    }
    zone.m_transitionTypes.reserve(header.timeCount);
    for (std::uint32_t i = 0; i < header.timeCount; ++i) {
        std::uint8_t type = 0;
        reader.u8(type);
        if (type >= header.typeCount) {
            return std::nullopt;
        }
        zone.m_transitionTypes.push_back(type);
    }
    zone.m_typeOffsets.reserve(header.typeCount);
    for (std::uint32_t i = 0; i < header.typeCount; ++i) {
        std::int32_t offset = 0;
        std::uint8_t isDst = 0;
        std::uint8_t designation = 0;
        reader.i32(offset);
        reader.u8(isDst);
        reader.u8(designation);
        if (offset < kLowestOffset || offset > kHighestOffset || isDst > 1
            || designation >= header.charCount) {
            return std::nullopt;
        }
        zone.m_typeOffsets.push_back(offset);
    }
    // Designations and the standard/UT indicators are not needed for offsets;
    // readHeader() already checked they are all there.
    reader.skip(std::uint64_t{header.charCount} + header.isStdCount + header.isUtCount);

    if (header.version != '\0') {
        // The footer: "\n" TZ-string "\n", the last bytes of the file.
        std::string_view rest;
        reader.bytes(reader.remaining(), rest);
        if (rest.size() < 2 || rest.front() != '\n' || rest.back() != '\n') {
            return std::nullopt;
        }
        const std::string_view text = rest.substr(1, rest.size() - 2);
        if (text.find('\n') != std::string_view::npos) {
            return std::nullopt;
        }
        if (!text.empty()) {
            zone.m_footer = PosixTimeZoneRule::parse(text);
            if (!zone.m_footer) {
                return std::nullopt;
            }
        }
    }
    return zone;
}

std::int32_t TzifZone::offsetAfterTransition(std::size_t index) const
{
    return m_typeOffsets[m_transitionTypes[index]];
}

bool TzifZone::footerRulesAt(std::int64_t utcSeconds) const
{
    return m_footer && (m_transitionTimes.empty() || utcSeconds >= m_transitionTimes.back());
}

std::int32_t TzifZone::offsetAt(std::int64_t utcSeconds) const
{
    if (footerRulesAt(utcSeconds)) {
        return m_footer->offsetAt(utcSeconds);
    }
    // Before the first transition the first type is in force (RFC 8536 3.2).
    const auto next = std::upper_bound(m_transitionTimes.begin(), m_transitionTimes.end(), utcSeconds);
    if (next == m_transitionTimes.begin()) {
        return m_typeOffsets.front();
    }
    return offsetAfterTransition(static_cast<std::size_t>(next - m_transitionTimes.begin() - 1));
}

std::vector<TzifZone::Segment> TzifZone::segmentsBetween(std::int64_t from, std::int64_t to) const
{
    std::vector<Segment> segments;
    const auto add = [&segments](std::int64_t start, std::int32_t offset) {
        // Two changes at one instant: the later one is what stays in force.
        if (!segments.empty() && segments.back().start == start) {
            segments.pop_back();
        }
        if (segments.empty() || segments.back().offset != offset) {
            segments.push_back({start, offset});
        }
    };
    add(from, offsetAt(from));

    std::int64_t footerFrom = from;
    if (!footerRulesAt(from)) {
        const std::size_t count = m_transitionTimes.size();
        auto index = static_cast<std::size_t>(
            std::upper_bound(m_transitionTimes.begin(), m_transitionTimes.end(), from)
            - m_transitionTimes.begin());
        for (; index < count && m_transitionTimes[index] <= to; ++index) {
            if (m_footer && index == count - 1) {
                // From the last transition on the footer rule decides.
                add(m_transitionTimes[index], m_footer->offsetAt(m_transitionTimes[index]));
                break;
            }
            add(m_transitionTimes[index], offsetAfterTransition(index));
        }
        if (!m_footer || m_transitionTimes.back() > to) {
            return segments;
        }
        footerFrom = m_transitionTimes.back();
    }
    for (const PosixTimeZoneRule::Change& change : m_footer->changesBetween(footerFrom, to)) {
        add(change.at, change.offsetAfter);
    }
    return segments;
}

std::int64_t TzifZone::utcFor(std::int64_t localSeconds) const
{
    const std::vector<Segment> segments = segmentsBetween(saturatingAdd(localSeconds, -kSearchWindow),
                                                          saturatingAdd(localSeconds, kSearchWindow));
    const auto endOf = [&segments](std::size_t index) {
        return index + 1 < segments.size() ? segments[index + 1].start
                                           : std::numeric_limits<std::int64_t>::max();
    };
    // Segments are in order, so the first that reads back as the wall time holds the earlier instant.
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::int64_t candidate = localSeconds - segments[i].offset;
        if ((i == 0 || candidate >= segments[i].start) && candidate < endOf(i)) {
            return candidate;
        }
    }
    // No instant reads as this wall time: it lies in the gap a change opened.
    for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
        const std::int64_t change = segments[i + 1].start;
        if (localSeconds - segments[i].offset >= change && localSeconds - segments[i + 1].offset < change) {
            return localSeconds - segments[i].offset;
        }
    }
    return localSeconds - offsetAt(localSeconds);
}

} // namespace callsnare::relay
