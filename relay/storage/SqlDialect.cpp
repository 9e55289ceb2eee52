#include "relay/storage/SqlDialect.h"

#include <cctype>

namespace callsnare::relay {

namespace {

bool isBlank(const std::string& text)
{
    for (const char c : text) {
        if (std::isspace(static_cast<unsigned char>(c)) == 0) {
            return false;
        }
    }
    return true;
}

} // namespace

std::string_view dialectName(SqlDialect dialect)
{
    return dialect == SqlDialect::Sqlite ? "sqlite" : "postgresql";
}

std::string portableSql(SqlDialect dialect, std::string_view text)
{
    if (dialect == SqlDialect::Sqlite) {
        return std::string(text);
    }
    std::string out;
    out.reserve(text.size() + 16);
    int next = 1;
    bool quoted = false;
    for (const char c : text) {
        if (c == '\'') {
            quoted = !quoted;
        }
        if (c == '?' && !quoted) {
            out += '$';
            out += std::to_string(next++);
        } else {
            out += c;
        }
    }
    return out;
}

std::vector<std::string> splitSqlScript(std::string_view script)
{
    std::vector<std::string> statements;
    std::string current;
    bool quoted = false;
    for (std::size_t i = 0; i < script.size(); ++i) {
        const char c = script[i];
        if (!quoted && c == '-' && i + 1 < script.size() && script[i + 1] == '-') {
            while (i < script.size() && script[i] != '\n') {
                ++i;
            }
            current += '\n';
            continue;
        }
        if (c == '\'') {
            quoted = !quoted;
        }
        if (c == ';' && !quoted) {
            if (!isBlank(current)) {
                statements.push_back(current);
            }
            current.clear();
            continue;
        }
        current += c;
    }
    if (!isBlank(current)) {
        statements.push_back(current);
    }
    return statements;
}

} // namespace callsnare::relay
