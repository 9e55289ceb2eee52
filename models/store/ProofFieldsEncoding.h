#pragma once

#include <QByteArray>
#include <QString>

#include <string>
#include <utility>
#include <vector>

namespace callsnare::store {

// How proof_records.fields stores a fact's key/value pairs: exactly the
// fields part of domain::canonicalBytes (domain/ProofLedger.h, FORMAT v1),
//
//   u64(number of fields)
//   for each field, sorted by key then value (bytewise, unsigned):
//       u64(byte length of key) key bytes  u64(byte length of value) value bytes
//
// with u64 = 8 bytes big-endian and the strings' raw bytes (no terminator, no
// normalization). An auditor can thus rebuild canonicalBytes from the columns
// alone. Decoding gives the pairs back byte for byte, in that canonical order.
QByteArray encodeProofFields(const std::vector<std::pair<std::string, std::string>>& fields);

// Strict: a count or length running past the end, or bytes left over, is
// refused with a sentence in `error` and `fields` left empty.
bool decodeProofFields(const QByteArray& bytes, std::vector<std::pair<std::string, std::string>>* fields,
                       QString* error);

} // namespace callsnare::store
