#pragma once

#include "domain/Result.h"

#include <compare>
#include <string>
#include <string_view>

namespace callsnare::domain {

// A telephone number in E.164 form ("+15125550142"). The only way to make one
// is parse(), so holding a PhoneNumber means holding a valid number.
class PhoneNumber {
public:
    // Accepts what people and carriers write: "+1 (512) 555-0142",
    // "512.555.0142", "1-512-555-0142", "+44 20 7946 0958". Ten digits, or
    // eleven starting with 1, are read as NANP (US/CA) and checked against the
    // NANP plan; other numbers need a leading "+" and are checked against E.164.
    static Result<PhoneNumber> parse(std::string_view input);

    const std::string& e164() const { return m_e164; }
    bool isNanp() const;
    // The three-digit NANP area code, empty for other numbers.
    std::string_view areaCode() const;
    // "(512) 555-0142" for NANP numbers, the E.164 form otherwise.
    std::string display() const;

    friend bool operator==(const PhoneNumber&, const PhoneNumber&) = default;
    friend auto operator<=>(const PhoneNumber&, const PhoneNumber&) = default;

private:
    explicit PhoneNumber(std::string e164) : m_e164(std::move(e164)) { }

    std::string m_e164;
};

// True for the values carriers put in From when the caller withheld their
// number ("anonymous", "restricted", "unknown", "private", "unavailable", an
// empty value, and Twilio's spelled-out numbers such as "+266696687").
bool isWithheldCallerId(std::string_view from);

} // namespace callsnare::domain
