#include "relay/storage/PostgresConnectionString.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

namespace callsnare::relay {

namespace {

// libpq values: single-quoted, with backslash and quote escaped.
void appendPair(std::string& out, std::string_view key, std::string_view value)
{
    if (!out.empty()) {
        out += ' ';
    }
    out += key;
    out += "='";
    for (const char c : value) {
        if (c == '\\' || c == '\'') {
            out += '\\';
        }
        out += c;
    }
    out += '\'';
}

bool isSafeKeyword(std::string_view key)
{
    if (key.empty()) {
        return false;
    }
    for (const char c : key) {
        if (!((c >= 'a' && c <= 'z') || c == '_')) {
            return false;
        }
    }
    return true;
}

} // namespace

bool isPostgresUri(std::string_view uri)
{
    return uri.starts_with("postgresql://") || uri.starts_with("postgres://");
}

domain::Result<std::string> libpqConnectionString(std::string_view uri)
{
    if (!isPostgresUri(uri)) {
        return domain::makeError("invalid_database_uri", "The database URI must start with postgresql://.");
    }
    Poco::URI parsed;
    try {
        parsed = Poco::URI(std::string(uri));
    } catch (const Poco::Exception&) {
        return domain::makeError("invalid_database_uri", "The database URI is not a valid URI.");
    }
    std::string out;
    if (!parsed.getHost().empty()) {
        appendPair(out, "host", parsed.getHost());
    }
    if (parsed.getSpecifiedPort() != 0) {
        appendPair(out, "port", std::to_string(parsed.getSpecifiedPort()));
    }
    // Poco keeps the user info percent-encoded; split first, then decode, so
    // an encoded ':' stays part of the password.
    const std::string& userInfo = parsed.getUserInfo();
    if (!userInfo.empty()) {
        const auto colon = userInfo.find(':');
        std::string user;
        Poco::URI::decode(userInfo.substr(0, colon), user);
        appendPair(out, "user", user);
        if (colon != std::string::npos) {
            std::string password;
            Poco::URI::decode(userInfo.substr(colon + 1), password);
            appendPair(out, "password", password);
        }
    }
    std::string path = parsed.getPath();
    if (path.starts_with('/')) {
        path.erase(0, 1);
    }
    if (!path.empty()) {
        appendPair(out, "dbname", path);
    }
    for (const auto& [key, value] : parsed.getQueryParameters()) {
        if (!isSafeKeyword(key)) {
            return domain::makeError("invalid_database_uri",
                                     "The database URI has a query parameter libpq does not know.");
        }
        appendPair(out, key, value);
    }
    if (out.empty()) {
        return domain::makeError("invalid_database_uri", "The database URI names no server or database.");
    }
    return out;
}

std::string redactedUri(std::string_view uri)
{
    try {
        Poco::URI parsed{std::string(uri)};
        const std::string& userInfo = parsed.getUserInfo();
        const auto colon = userInfo.find(':');
        if (colon != std::string::npos) {
            parsed.setUserInfo(userInfo.substr(0, colon) + ":***");
        }
        return parsed.toString();
    } catch (const Poco::Exception&) {
        return "(unparsable database URI)";
    }
}

} // namespace callsnare::relay
