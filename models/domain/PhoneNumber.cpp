#include "domain/PhoneNumber.h"
#include "domain/AsciiText.h"

#include <array>
#include <cstddef>
#include <optional>

namespace callsnare::domain {

namespace {

constexpr std::string_view kInvalid = "invalid_phone_number";

// What people put between digit groups; none of it carries meaning.
bool isSeparator(char c)
{
    return isAsciiSpace(c) || c == '-' || c == '.' || c == '(' || c == ')' || c == '/';
}

Error invalid(std::string message)
{
    return makeError(std::string(kInvalid), std::move(message));
}

std::string quoted(std::string_view input)
{
    return "\"" + std::string(input) + "\"";
}

// "x123", "ext 123", "ext. 123" after the number: an extension, which a text
// message cannot dial, so it gets its own explanation.
bool looksLikeExtension(std::string_view rest)
{
    std::size_t letters = 0;
    while (letters < rest.size() && isAsciiLetter(rest[letters])) {
        ++letters;
    }
    const std::string_view word = rest.substr(0, letters);
    if (!equalsIgnoringAsciiCase(word, "x") && !equalsIgnoringAsciiCase(word, "ext")
        && !equalsIgnoringAsciiCase(word, "extension")) {
        return false;
    }
    bool sawDigit = false;
    for (const char c : rest.substr(letters)) {
        if (isAsciiDigit(c)) {
            sawDigit = true;
        } else if (!isSeparator(c) && c != '#') {
            return false;
        }
    }
    return sawDigit;
}

// N11 codes (211, 311, ... 911) are service codes, never area codes or exchanges.
bool isServiceCode(std::string_view three)
{
    return three[1] == '1' && three[2] == '1';
}

// Why ten NANP digits (area code, exchange, line) cannot be a real number, if they cannot.
std::optional<Error> nanpProblem(std::string_view input, std::string_view tenDigits)
{
    const std::string_view area = tenDigits.substr(0, 3);
    const std::string_view exchange = tenDigits.substr(3, 3);
    if (area[0] == '0' || area[0] == '1') {
        return invalid(quoted(input) + " has area code " + std::string(area)
                       + ", but US and Canadian area codes never start with 0 or 1.");
    }
    if (isServiceCode(area)) {
        return invalid(quoted(input) + " has area code " + std::string(area)
                       + ", which is a service code (like 411 or 911), not an area code.");
    }
    if (exchange[0] == '0' || exchange[0] == '1') {
        return invalid(quoted(input) + " has exchange " + std::string(exchange)
                       + " (the three digits after the area code), but exchanges never start with 0 or 1.");
    }
    if (isServiceCode(exchange)) {
        return invalid(
            quoted(input) + " has exchange " + std::string(exchange)
            + " (the three digits after the area code), which is a service code, not an exchange.");
    }
    return std::nullopt;
}

} // namespace

Result<PhoneNumber> PhoneNumber::parse(std::string_view input)
{
    std::string_view text = trimAsciiSpace(input);
    if (text.empty()) {
        return invalid("The phone number is empty.");
    }
    if (text.size() >= 4 && equalsIgnoringAsciiCase(text.substr(0, 4), "tel:")) {
        text = trimAsciiSpace(text.substr(4));
    }

    std::string digits;
    bool plus = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (isAsciiDigit(c)) {
            digits.push_back(c);
        } else if (isSeparator(c)) {
            continue;
        } else if (c == '+') {
            if (plus || !digits.empty()) {
                return invalid(quoted(input)
                               + " has a \"+\" that is not at the start; only the country code may be "
                                 "preceded by \"+\".");
            }
            plus = true;
        } else if (isAsciiLetter(c)) {
            if (!digits.empty() && looksLikeExtension(text.substr(i))) {
                return invalid(quoted(input)
                               + " has an extension; texts cannot reach an extension, so enter the "
                                 "number without it.");
            }
            return invalid(quoted(input)
                           + " contains letters; enter the number as digits (vanity numbers like "
                             "1-800-FLOWERS must be spelled out as digits).");
        } else {
            return invalid(quoted(input)
                           + " contains characters that are not digits; use only digits, spaces, "
                             "dashes, dots, parentheses and a leading \"+\".");
        }
    }

    const auto nanp = [&](std::string_view tenDigits) -> Result<PhoneNumber> {
        if (auto problem = nanpProblem(input, tenDigits)) {
            return std::move(*problem);
        }
        return PhoneNumber("+1" + std::string(tenDigits));
    };

    if (digits.empty()) {
        return invalid(quoted(input) + " has no digits.");
    }

    if (plus) {
        if (digits[0] == '0') {
            return invalid(quoted(input) + " has a country code starting with 0, and no country code does.");
        }
        if (digits[0] == '1') {
            if (digits.size() != 11) {
                return invalid(quoted(input) + " has " + std::to_string(digits.size() - 1)
                               + " digits after +1, but US and Canadian numbers have exactly 10.");
            }
            return nanp(std::string_view(digits).substr(1));
        }
        if (digits.size() < 8) {
            return invalid(
                quoted(input) + " has too few digits (" + std::to_string(digits.size())
                + ") to be an international number; they have at least 8 including the country code.");
        }
        if (digits.size() > 15) {
            return invalid(quoted(input) + " has too many digits (" + std::to_string(digits.size())
                           + "); international numbers have at most 15 including the country code.");
        }
        return PhoneNumber("+" + digits);
    }

    // Without "+": dialled forms. "00" and "011" are the international
    // prefixes of most countries and of North America; we store "+" instead.
    if (digits.starts_with("00") || (digits.starts_with("011") && digits.size() > 11)) {
        return invalid(quoted(input)
                       + " starts with an international dialling prefix; write the number with \"+\" "
                         "and the country code instead (for example +44 20 7946 0958).");
    }
    if (digits.size() == 10) {
        return nanp(digits);
    }
    if (digits.size() == 11 && digits[0] == '1') {
        return nanp(std::string_view(digits).substr(1));
    }
    if (digits.size() < 10) {
        return invalid(quoted(input) + " has too few digits (" + std::to_string(digits.size())
                       + "); US and Canadian numbers have 10, with the area code.");
    }
    return invalid(
        quoted(input) + " has too many digits (" + std::to_string(digits.size())
        + ") for a US or Canadian number; international numbers need a leading \"+\" and the country code.");
}

bool PhoneNumber::isNanp() const
{
    return m_e164.size() == 12 && m_e164.starts_with("+1");
}

std::string_view PhoneNumber::areaCode() const
{
    if (!isNanp()) {
        return {};
    }
    return std::string_view(m_e164).substr(2, 3);
}

std::string PhoneNumber::display() const
{
    if (!isNanp()) {
        return m_e164;
    }
    const std::string_view n(m_e164);
    return "(" + std::string(n.substr(2, 3)) + ") " + std::string(n.substr(5, 3)) + "-"
        + std::string(n.substr(8, 4));
}

bool isWithheldCallerId(std::string_view from)
{
    const std::string_view value = trimAsciiSpace(from);
    if (value.empty()) {
        return true;
    }
    constexpr std::array<std::string_view, 7> words
        = {"anonymous", "restricted", "unknown", "private", "unavailable", "withheld", "blocked"};
    for (const std::string_view word : words) {
        if (equalsIgnoringAsciiCase(value, word)) {
            return true;
        }
    }
    // Twilio spells the words on a phone keypad when it must put digits in
    // From (help.twilio.com, "Why am I getting calls from these strange
    // numbers"). Only with the "+": without it, 7378742833 is a real Austin number.
    constexpr std::array<std::string_view, 5> keypadSpellings = {
        "+266696687", // ANONYMOUS
        "+7378742833", // RESTRICTED
        "+86282452253", // UNAVAILABLE
        "+2562533", // BLOCKED
        "+8656696", // UNKNOWN
    };
    for (const std::string_view spelled : keypadSpellings) {
        if (value == spelled) {
            return true;
        }
    }
    return false;
}

} // namespace callsnare::domain
