#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace callsnare::domain {

class PhoneNumber;

// A homeowner's clock guessed from the area code of their number, for quiet
// hours when the contact has no zone of its own (a per-contact override wins,
// the organization's zone is the fallback when this gives nothing).
//
// The table covers the geographic NANP area codes of the United States and
// Canada in service in 2025 (and a few overlays already assigned to a fixed
// area), plus the US territories and Caribbean NANP members, whose zones are
// unambiguous. Where an area code spans two zones it maps to the zone where
// most of its people live: 850 (Florida panhandle) is Central, 812 (southern
// Indiana) Eastern, 915 (El Paso) Mountain, 208 (Idaho) Mountain, 867 (the
// three territories) Mountain. Zones are canonical IANA names, the most
// specific one for the area where IANA has it (America/Detroit for Michigan,
// America/Indiana/Indianapolis for Eastern Indiana, America/Boise for Idaho,
// America/Kentucky/Louisville for 502). Non-geographic codes (toll-free 800,
// 833..888, premium 900, personal 500s, Canada's 600 and 622, 700, 710) and
// codes not in service have no zone: nullopt. A mobile number keeps its area
// code when its owner moves, so this is a guess, never a fact.
struct AreaCodeZone {
    std::string_view areaCode;
    std::string_view zone;
};

// The zone of a three-digit area code ("512" -> "America/Chicago").
std::optional<std::string_view> zoneForAreaCode(std::string_view areaCode);
// The zone of a number's area code; nullopt for numbers outside the NANP.
std::optional<std::string_view> homeZoneOf(const PhoneNumber& number);
// The whole table, sorted by area code without duplicates (for tests and reports).
std::span<const AreaCodeZone> areaCodeZones();

} // namespace callsnare::domain
