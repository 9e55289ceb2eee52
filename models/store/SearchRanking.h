#pragma once

#include <QSqlDatabase>
#include <QString>

#include <cstddef>
#include <cstdint>

namespace callsnare::store {

// FTS4 has no ranking function of its own, only matchinfo(). The store
// registers callsnare_bm25(matchinfo(search_index, 'pcnx')) on the raw
// SQLCipher connection so that hits are ranked inside SQLite and only the
// best few rows (with their snippets) ever reach Qt.
//
// BM25 without its length normalization (b = 0): a hit's document length
// ('l') costs FTS4 one %_docsize lookup per hit, which measured 4x the rest
// of the ranking on a common word over 1M texts, and SMS-sized texts vary
// little in length anyway. Ties go to the newer text (higher docid).
inline constexpr char kRankFunctionName[] = "callsnare_bm25";

// BM25 (k1 = 1.2, b = 0) of one row from its 'pcnx' matchinfo values,
// summed over the query's phrases and columns; higher is better. Malformed
// input ranks 0.
double bm25FromMatchinfo(const std::uint32_t* values, std::size_t count);

// Registers the function on `db`'s connection unless it is there already.
// `db` must be open through the QSQLCIPHER driver.
bool ensureRankFunction(const QSqlDatabase& db, QString* error);

} // namespace callsnare::store
