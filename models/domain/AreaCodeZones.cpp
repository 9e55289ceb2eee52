#include "domain/AreaCodeZones.h"
#include "domain/PhoneNumber.h"

#include <algorithm>
#include <array>

namespace callsnare::domain {

namespace {

constexpr std::string_view kNewYork = "America/New_York";
constexpr std::string_view kDetroit = "America/Detroit";
constexpr std::string_view kIndianapolis = "America/Indiana/Indianapolis";
constexpr std::string_view kLouisville = "America/Kentucky/Louisville";
constexpr std::string_view kChicago = "America/Chicago";
constexpr std::string_view kDenver = "America/Denver";
constexpr std::string_view kBoise = "America/Boise";
constexpr std::string_view kPhoenix = "America/Phoenix";
constexpr std::string_view kLosAngeles = "America/Los_Angeles";
constexpr std::string_view kToronto = "America/Toronto";
constexpr std::string_view kVancouver = "America/Vancouver";
constexpr std::string_view kEdmonton = "America/Edmonton";
constexpr std::string_view kWinnipeg = "America/Winnipeg";
constexpr std::string_view kRegina = "America/Regina";
constexpr std::string_view kHalifax = "America/Halifax";
constexpr std::string_view kMoncton = "America/Moncton";
constexpr std::string_view kStJohns = "America/St_Johns";
constexpr std::string_view kPuertoRico = "America/Puerto_Rico";

// Sorted by area code (binary search below). Comments name the state,
// province or country, and why a split area goes where it goes.
constexpr std::array kTable = std::to_array<AreaCodeZone>({
    {"201", kNewYork}, // NJ
    {"202", kNewYork}, // DC
    {"203", kNewYork}, // CT
    {"204", kWinnipeg}, // MB
    {"205", kChicago}, // AL
    {"206", kLosAngeles}, // WA
    {"207", kNewYork}, // ME
    {"208", kBoise}, // ID: south is Mountain, the panhandle Pacific
    {"209", kLosAngeles}, // CA
    {"210", kChicago}, // TX
    {"212", kNewYork}, // NY
    {"213", kLosAngeles}, // CA
    {"214", kChicago}, // TX
    {"215", kNewYork}, // PA
    {"216", kNewYork}, // OH
    {"217", kChicago}, // IL
    {"218", kChicago}, // MN
    {"219", kChicago}, // IN: the northwest corner (Gary) keeps Central time
    {"220", kNewYork}, // OH
    {"223", kNewYork}, // PA
    {"224", kChicago}, // IL
    {"225", kChicago}, // LA
    {"226", kToronto}, // ON
    {"227", kNewYork}, // MD
    {"228", kChicago}, // MS
    {"229", kNewYork}, // GA
    {"231", kDetroit}, // MI
    {"234", kNewYork}, // OH
    {"235", kChicago}, // MO
    {"236", kVancouver}, // BC
    {"239", kNewYork}, // FL
    {"240", kNewYork}, // MD
    {"242", "America/Nassau"}, // Bahamas
    {"246", "America/Barbados"}, // Barbados
    {"248", kDetroit}, // MI
    {"249", kToronto}, // ON
    {"250", kVancouver}, // BC
    {"251", kChicago}, // AL
    {"252", kNewYork}, // NC
    {"253", kLosAngeles}, // WA
    {"254", kChicago}, // TX
    {"256", kChicago}, // AL
    {"257", kVancouver}, // BC
    {"260", kIndianapolis}, // IN
    {"262", kChicago}, // WI
    {"263", kToronto}, // QC
    {"264", "America/Anguilla"}, // Anguilla
    {"267", kNewYork}, // PA
    {"268", "America/Antigua"}, // Antigua and Barbuda
    {"269", kDetroit}, // MI
    {"270", kChicago}, // KY: western Kentucky, mostly Central
    {"272", kNewYork}, // PA
    {"274", kChicago}, // WI
    {"276", kNewYork}, // VA
    {"279", kLosAngeles}, // CA
    {"281", kChicago}, // TX
    {"283", kNewYork}, // OH
    {"284", "America/Tortola"}, // British Virgin Islands
    {"289", kToronto}, // ON
    {"301", kNewYork}, // MD
    {"302", kNewYork}, // DE
    {"303", kDenver}, // CO
    {"304", kNewYork}, // WV
    {"305", kNewYork}, // FL
    {"306", kRegina}, // SK
    {"307", kDenver}, // WY
    {"308", kChicago}, // NE: the west is Mountain, most people Central
    {"309", kChicago}, // IL
    {"310", kLosAngeles}, // CA
    {"312", kChicago}, // IL
    {"313", kDetroit}, // MI
    {"314", kChicago}, // MO
    {"315", kNewYork}, // NY
    {"316", kChicago}, // KS
    {"317", kIndianapolis}, // IN
    {"318", kChicago}, // LA
    {"319", kChicago}, // IA
    {"320", kChicago}, // MN
    {"321", kNewYork}, // FL
    {"323", kLosAngeles}, // CA
    {"324", kNewYork}, // FL
    {"325", kChicago}, // TX
    {"326", kNewYork}, // OH
    {"327", kChicago}, // AR
    {"329", kNewYork}, // NY
    {"330", kNewYork}, // OH
    {"331", kChicago}, // IL
    {"332", kNewYork}, // NY
    {"334", kChicago}, // AL
    {"336", kNewYork}, // NC
    {"337", kChicago}, // LA
    {"339", kNewYork}, // MA
    {"340", "America/St_Thomas"}, // US Virgin Islands
    {"341", kLosAngeles}, // CA
    {"343", kToronto}, // ON
    {"345", "America/Cayman"}, // Cayman Islands
    {"346", kChicago}, // TX
    {"347", kNewYork}, // NY
    {"350", kLosAngeles}, // CA
    {"351", kNewYork}, // MA
    {"352", kNewYork}, // FL
    {"353", kChicago}, // WI
    {"354", kToronto}, // QC
    {"357", kLosAngeles}, // CA (planned overlay of 559)
    {"360", kLosAngeles}, // WA
    {"361", kChicago}, // TX
    {"363", kNewYork}, // NY
    {"364", kChicago}, // KY
    {"365", kToronto}, // ON
    {"367", kToronto}, // QC
    {"368", kEdmonton}, // AB
    {"369", kLosAngeles}, // CA
    {"380", kNewYork}, // OH
    {"382", kToronto}, // ON
    {"385", kDenver}, // UT
    {"386", kNewYork}, // FL
    {"401", kNewYork}, // RI
    {"402", kChicago}, // NE
    {"403", kEdmonton}, // AB
    {"404", kNewYork}, // GA
    {"405", kChicago}, // OK
    {"406", kDenver}, // MT
    {"407", kNewYork}, // FL
    {"408", kLosAngeles}, // CA
    {"409", kChicago}, // TX
    {"410", kNewYork}, // MD
    {"412", kNewYork}, // PA
    {"413", kNewYork}, // MA
    {"414", kChicago}, // WI
    {"415", kLosAngeles}, // CA
    {"416", kToronto}, // ON
    {"417", kChicago}, // MO
    {"418", kToronto}, // QC
    {"419", kNewYork}, // OH
    {"423", kNewYork}, // TN: Chattanooga and the east
    {"424", kLosAngeles}, // CA
    {"425", kLosAngeles}, // WA
    {"428", kMoncton}, // NB
    {"430", kChicago}, // TX
    {"431", kWinnipeg}, // MB
    {"432", kChicago}, // TX
    {"434", kNewYork}, // VA
    {"435", kDenver}, // UT
    {"436", kNewYork}, // OH
    {"437", kToronto}, // ON
    {"438", kToronto}, // QC
    {"440", kNewYork}, // OH
    {"441", "Atlantic/Bermuda"}, // Bermuda
    {"442", kLosAngeles}, // CA
    {"443", kNewYork}, // MD
    {"445", kNewYork}, // PA
    {"447", kChicago}, // IL
    {"448", kChicago}, // FL: the panhandle; most of its people live west of the Apalachicola, on Central time
    {"450", kToronto}, // QC
    {"458", kLosAngeles}, // OR
    {"463", kIndianapolis}, // IN
    {"464", kChicago}, // IL
    {"465", kNewYork}, // NY (planned overlay of 718)
    {"468", kToronto}, // QC
    {"469", kChicago}, // TX
    {"470", kNewYork}, // GA
    {"472", kNewYork}, // NC
    {"473", "America/Grenada"}, // Grenada
    {"474", kRegina}, // SK
    {"475", kNewYork}, // CT
    {"478", kNewYork}, // GA
    {"479", kChicago}, // AR
    {"480", kPhoenix}, // AZ
    {"483", kChicago}, // AL (planned overlay of 334)
    {"484", kNewYork}, // PA
    {"501", kChicago}, // AR
    {"502", kLouisville}, // KY
    {"503", kLosAngeles}, // OR
    {"504", kChicago}, // LA
    {"505", kDenver}, // NM
    {"506", kMoncton}, // NB
    {"507", kChicago}, // MN
    {"508", kNewYork}, // MA
    {"509", kLosAngeles}, // WA
    {"510", kLosAngeles}, // CA
    {"512", kChicago}, // TX
    {"513", kNewYork}, // OH
    {"514", kToronto}, // QC
    {"515", kChicago}, // IA
    {"516", kNewYork}, // NY
    {"517", kDetroit}, // MI
    {"518", kNewYork}, // NY
    {"519", kToronto}, // ON
    {"520", kPhoenix}, // AZ
    {"530", kLosAngeles}, // CA
    {"531", kChicago}, // NE
    {"534", kChicago}, // WI
    {"539", kChicago}, // OK
    {"540", kNewYork}, // VA
    {"541", kLosAngeles}, // OR: the Malheur County corner is Mountain
    {"548", kToronto}, // ON
    {"551", kNewYork}, // NJ
    {"557", kChicago}, // MO
    {"559", kLosAngeles}, // CA
    {"561", kNewYork}, // FL
    {"562", kLosAngeles}, // CA
    {"563", kChicago}, // IA
    {"564", kLosAngeles}, // WA
    {"567", kNewYork}, // OH
    {"570", kNewYork}, // PA
    {"571", kNewYork}, // VA
    {"572", kChicago}, // OK
    {"573", kChicago}, // MO
    {"574", kIndianapolis}, // IN
    {"575", kDenver}, // NM
    {"579", kToronto}, // QC
    {"580", kChicago}, // OK
    {"581", kToronto}, // QC
    {"582", kNewYork}, // PA
    {"584", kWinnipeg}, // MB
    {"585", kNewYork}, // NY
    {"586", kDetroit}, // MI
    {"587", kEdmonton}, // AB
    {"601", kChicago}, // MS
    {"602", kPhoenix}, // AZ
    {"603", kNewYork}, // NH
    {"604", kVancouver}, // BC
    {"605", kChicago}, // SD
    {"606", kNewYork}, // KY
    {"607", kNewYork}, // NY
    {"608", kChicago}, // WI
    {"609", kNewYork}, // NJ
    {"610", kNewYork}, // PA
    {"612", kChicago}, // MN
    {"613", kToronto}, // ON
    {"614", kNewYork}, // OH
    {"615", kChicago}, // TN
    {"616", kDetroit}, // MI
    {"617", kNewYork}, // MA
    {"618", kChicago}, // IL
    {"619", kLosAngeles}, // CA
    {"620", kChicago}, // KS
    {"621", kChicago}, // TX
    {"623", kPhoenix}, // AZ
    {"624", kNewYork}, // NY
    {"626", kLosAngeles}, // CA
    {"628", kLosAngeles}, // CA
    {"629", kChicago}, // TN
    {"630", kChicago}, // IL
    {"631", kNewYork}, // NY
    {"636", kChicago}, // MO
    {"639", kRegina}, // SK
    {"640", kNewYork}, // NJ
    {"641", kChicago}, // IA
    {"645", kNewYork}, // FL
    {"646", kNewYork}, // NY
    {"647", kToronto}, // ON
    {"649", "America/Grand_Turk"}, // Turks and Caicos
    {"650", kLosAngeles}, // CA
    {"651", kChicago}, // MN
    {"656", kNewYork}, // FL
    {"657", kLosAngeles}, // CA
    {"658", "America/Jamaica"}, // Jamaica
    {"659", kChicago}, // AL
    {"660", kChicago}, // MO
    {"661", kLosAngeles}, // CA
    {"662", kChicago}, // MS
    {"664", "America/Montserrat"}, // Montserrat
    {"667", kNewYork}, // MD
    {"669", kLosAngeles}, // CA
    {"670", "Pacific/Saipan"}, // Northern Mariana Islands
    {"671", "Pacific/Guam"}, // Guam
    {"672", kVancouver}, // BC
    {"678", kNewYork}, // GA
    {"679", kDetroit}, // MI
    {"680", kNewYork}, // NY
    {"681", kNewYork}, // WV
    {"682", kChicago}, // TX
    {"683", kToronto}, // ON
    {"684", "Pacific/Pago_Pago"}, // American Samoa
    {"686", kNewYork}, // VA
    {"689", kNewYork}, // FL
    {"701", kChicago}, // ND
    {"702", kLosAngeles}, // NV
    {"703", kNewYork}, // VA
    {"704", kNewYork}, // NC
    {"705", kToronto}, // ON
    {"706", kNewYork}, // GA
    {"707", kLosAngeles}, // CA
    {"708", kChicago}, // IL
    {"709", kStJohns}, // NL: Labrador is mostly on Atlantic time, most people on the island
    {"712", kChicago}, // IA
    {"713", kChicago}, // TX
    {"714", kLosAngeles}, // CA
    {"715", kChicago}, // WI
    {"716", kNewYork}, // NY
    {"717", kNewYork}, // PA
    {"718", kNewYork}, // NY
    {"719", kDenver}, // CO
    {"720", kDenver}, // CO
    {"721", kPuertoRico}, // Sint Maarten
    {"724", kNewYork}, // PA
    {"725", kLosAngeles}, // NV
    {"726", kChicago}, // TX
    {"727", kNewYork}, // FL
    {"728", kNewYork}, // FL
    {"730", kChicago}, // IL
    {"731", kChicago}, // TN
    {"732", kNewYork}, // NJ
    {"734", kDetroit}, // MI
    {"737", kChicago}, // TX
    {"738", kLosAngeles}, // CA
    {"740", kNewYork}, // OH
    {"742", kToronto}, // ON
    {"743", kNewYork}, // NC
    {"747", kLosAngeles}, // CA
    {"748", kDenver}, // CO (planned overlay of 970)
    {"753", kToronto}, // ON
    {"754", kNewYork}, // FL
    {"757", kNewYork}, // VA
    {"758", "America/St_Lucia"}, // Saint Lucia
    {"760", kLosAngeles}, // CA
    {"762", kNewYork}, // GA
    {"763", kChicago}, // MN
    {"765", kIndianapolis}, // IN
    {"767", "America/Dominica"}, // Dominica
    {"769", kChicago}, // MS
    {"770", kNewYork}, // GA
    {"771", kNewYork}, // DC
    {"772", kNewYork}, // FL
    {"773", kChicago}, // IL
    {"774", kNewYork}, // MA
    {"775", kLosAngeles}, // NV
    {"778", kVancouver}, // BC
    {"779", kChicago}, // IL
    {"780", kEdmonton}, // AB
    {"781", kNewYork}, // MA
    {"782", kHalifax}, // NS, PE
    {"784", "America/St_Vincent"}, // Saint Vincent and the Grenadines
    {"785", kChicago}, // KS
    {"786", kNewYork}, // FL
    {"787", kPuertoRico}, // Puerto Rico
    {"801", kDenver}, // UT
    {"802", kNewYork}, // VT
    {"803", kNewYork}, // SC
    {"804", kNewYork}, // VA
    {"805", kLosAngeles}, // CA
    {"806", kChicago}, // TX
    {"807", kToronto}, // ON: Thunder Bay is Eastern, Kenora Central
    {"808", "Pacific/Honolulu"}, // HI
    {"809", "America/Santo_Domingo"}, // Dominican Republic
    {"810", kDetroit}, // MI
    {"812", kIndianapolis}, // IN: Evansville is Central, most of the area Eastern
    {"813", kNewYork}, // FL
    {"814", kNewYork}, // PA
    {"815", kChicago}, // IL
    {"816", kChicago}, // MO
    {"817", kChicago}, // TX
    {"818", kLosAngeles}, // CA
    {"819", kToronto}, // QC
    {"820", kLosAngeles}, // CA
    {"821", kNewYork}, // SC
    {"825", kEdmonton}, // AB
    {"826", kNewYork}, // VA
    {"828", kNewYork}, // NC
    {"829", "America/Santo_Domingo"}, // Dominican Republic
    {"830", kChicago}, // TX
    {"831", kLosAngeles}, // CA
    {"832", kChicago}, // TX
    {"834", kNewYork}, // PA
    {"837", kLosAngeles}, // CA
    {"838", kNewYork}, // NY
    {"839", kNewYork}, // SC
    {"840", kLosAngeles}, // CA
    {"843", kNewYork}, // SC
    {"845", kNewYork}, // NY
    {"847", kChicago}, // IL
    {"848", kNewYork}, // NJ
    {"849", "America/Santo_Domingo"}, // Dominican Republic
    {"850", kChicago}, // FL: the panhandle; most of its people live west of the Apalachicola, on Central time
    {"854", kNewYork}, // SC
    {"856", kNewYork}, // NJ
    {"857", kNewYork}, // MA
    {"858", kLosAngeles}, // CA
    {"859", kNewYork}, // KY
    {"860", kNewYork}, // CT
    {"861", kChicago}, // IL
    {"862", kNewYork}, // NJ
    {"863", kNewYork}, // FL
    {"864", kNewYork}, // SC
    {"865", kNewYork}, // TN
    {"867", kEdmonton}, // YT, NT, NU: Mountain time (NWT, western Nunavut) covers the most people
    {"868", "America/Port_of_Spain"}, // Trinidad and Tobago
    {"869", "America/St_Kitts"}, // Saint Kitts and Nevis
    {"870", kChicago}, // AR
    {"872", kChicago}, // IL
    {"873", kToronto}, // QC
    {"876", "America/Jamaica"}, // Jamaica
    {"878", kNewYork}, // PA
    {"879", kStJohns}, // NL
    {"901", kChicago}, // TN
    {"902", kHalifax}, // NS, PE
    {"903", kChicago}, // TX
    {"904", kNewYork}, // FL
    {"905", kToronto}, // ON
    {"906", kDetroit}, // MI: the Upper Peninsula, Central only along the Wisconsin border
    {"907", "America/Anchorage"}, // AK
    {"908", kNewYork}, // NJ
    {"909", kLosAngeles}, // CA
    {"910", kNewYork}, // NC
    {"912", kNewYork}, // GA
    {"913", kChicago}, // KS
    {"914", kNewYork}, // NY
    {"915", kDenver}, // TX: El Paso keeps Mountain time
    {"916", kLosAngeles}, // CA
    {"917", kNewYork}, // NY
    {"918", kChicago}, // OK
    {"919", kNewYork}, // NC
    {"920", kChicago}, // WI
    {"925", kLosAngeles}, // CA
    {"928", kPhoenix}, // AZ
    {"929", kNewYork}, // NY
    {"930", kIndianapolis}, // IN
    {"931", kChicago}, // TN
    {"934", kNewYork}, // NY
    {"936", kChicago}, // TX
    {"937", kNewYork}, // OH
    {"938", kChicago}, // AL
    {"939", kPuertoRico}, // Puerto Rico
    {"940", kChicago}, // TX
    {"941", kNewYork}, // FL
    {"942", kToronto}, // ON
    {"943", kNewYork}, // GA
    {"945", kChicago}, // TX
    {"947", kDetroit}, // MI
    {"948", kNewYork}, // VA
    {"949", kLosAngeles}, // CA
    {"951", kLosAngeles}, // CA
    {"952", kChicago}, // MN
    {"954", kNewYork}, // FL
    {"956", kChicago}, // TX
    {"959", kNewYork}, // CT
    {"970", kDenver}, // CO
    {"971", kLosAngeles}, // OR
    {"972", kChicago}, // TX
    {"973", kNewYork}, // NJ
    {"975", kChicago}, // MO
    {"978", kNewYork}, // MA
    {"979", kChicago}, // TX
    {"980", kNewYork}, // NC
    {"983", kDenver}, // CO
    {"984", kNewYork}, // NC
    {"985", kChicago}, // LA
    {"986", kBoise}, // ID
    {"989", kDetroit}, // MI
});

constexpr bool byCode(const AreaCodeZone& a, const AreaCodeZone& b)
{
    return a.areaCode < b.areaCode;
}

static_assert(std::is_sorted(kTable.begin(), kTable.end(), byCode), "area codes must stay sorted");
static_assert(std::adjacent_find(kTable.begin(), kTable.end(),
                                 [](const AreaCodeZone& a, const AreaCodeZone& b) {
                                     return a.areaCode == b.areaCode;
                                 })
                  == kTable.end(),
              "an area code may appear only once");

} // namespace

std::optional<std::string_view> zoneForAreaCode(std::string_view areaCode)
{
    const auto found = std::lower_bound(kTable.begin(), kTable.end(), AreaCodeZone{areaCode, {}}, byCode);
    if (found == kTable.end() || found->areaCode != areaCode) {
        return std::nullopt;
    }
    return found->zone;
}

std::optional<std::string_view> homeZoneOf(const PhoneNumber& number)
{
    if (!number.isNanp()) {
        return std::nullopt;
    }
    return zoneForAreaCode(number.areaCode());
}

std::span<const AreaCodeZone> areaCodeZones()
{
    return kTable;
}

} // namespace callsnare::domain
