#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace callsnare::relay {

// The two databases the relay runs on. SQL is written once with `?`
// placeholders and converted for PostgreSQL, whose connector only knows $n.
enum class SqlDialect { Sqlite, PostgreSql };

std::string_view dialectName(SqlDialect dialect);

// `text` with every `?` outside quoted literals replaced by $1, $2, ... for
// PostgreSQL; unchanged for SQLite.
std::string portableSql(SqlDialect dialect, std::string_view text);

// A script cut into single statements (PostgreSQL prepares one at a time):
// `--` comments dropped, split on `;` outside quoted literals, blanks skipped.
std::vector<std::string> splitSqlScript(std::string_view script);

} // namespace callsnare::relay
