#include "store/SearchRanking.h"

#include "store/SqlCipherDriver.h"

#include <sqlcipher/sqlite3.h>

#include <cmath>
#include <cstring>
#include <vector>

namespace callsnare::store {

namespace {

constexpr double kK1 = 1.2;

void rankFunction(sqlite3_context* context, int argc, sqlite3_value** argv)
{
    if (argc != 1 || sqlite3_value_type(argv[0]) != SQLITE_BLOB) {
        sqlite3_result_double(context, 0.0);
        return;
    }
    const int bytes = sqlite3_value_bytes(argv[0]);
    const void* blob = sqlite3_value_blob(argv[0]);
    if (bytes <= 0 || blob == nullptr) {
        sqlite3_result_double(context, 0.0);
        return;
    }
    // The blob holds native 32-bit integers but need not be aligned for them.
    std::vector<std::uint32_t> values(static_cast<std::size_t>(bytes) / sizeof(std::uint32_t));
    std::memcpy(values.data(), blob, values.size() * sizeof(std::uint32_t));
    sqlite3_result_double(context, bm25FromMatchinfo(values.data(), values.size()));
}

} // namespace

double bm25FromMatchinfo(const std::uint32_t* values, std::size_t count)
{
    if (values == nullptr || count < 3) {
        return 0.0;
    }
    const std::size_t phrases = values[0];
    const std::size_t columns = values[1];
    const double rows = values[2];
    const std::size_t hitsAt = 3;
    if (count < hitsAt + 3 * phrases * columns) {
        return 0.0;
    }
    double score = 0.0;
    for (std::size_t phrase = 0; phrase < phrases; ++phrase) {
        for (std::size_t column = 0; column < columns; ++column) {
            const std::size_t at = hitsAt + 3 * (phrase * columns + column);
            const double hits = values[at];
            const double rowsWithHit = values[at + 2];
            if (hits <= 0) {
                continue;
            }
            // The "+1" form of IDF stays positive for words most rows contain.
            const double idf = std::log(1.0 + (rows - rowsWithHit + 0.5) / (rowsWithHit + 0.5));
            score += idf * hits * (kK1 + 1.0) / (hits + kK1);
        }
    }
    return score;
}

bool ensureRankFunction(const QSqlDatabase& db, QString* error)
{
    const auto* driver = qobject_cast<const SqlCipherDriver*>(db.driver());
    sqlite3* connection = driver ? driver->connection() : nullptr;
    if (connection == nullptr) {
        if (error) {
            *error = QStringLiteral("Search needs an open CallSnare profile.");
        }
        return false;
    }
    // Re-registering while statements run is refused by SQLite, so register
    // once per connection: a probe that prepares only if the function exists.
    sqlite3_stmt* probe = nullptr;
    const QByteArray probeSql
        = QByteArrayLiteral("SELECT ") + kRankFunctionName + QByteArrayLiteral("(NULL)");
    if (sqlite3_prepare_v2(connection, probeSql.constData(), -1, &probe, nullptr) == SQLITE_OK) {
        sqlite3_finalize(probe);
        return true;
    }
    sqlite3_finalize(probe);
    const int rc
        = sqlite3_create_function_v2(connection, kRankFunctionName, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                     nullptr, &rankFunction, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        if (error) {
            *error = QStringLiteral("Could not prepare search ranking: %1")
                         .arg(QString::fromUtf8(sqlite3_errmsg(connection)));
        }
        return false;
    }
    return true;
}

} // namespace callsnare::store
