#pragma once

#include "domain/Result.h"
#include "domain/Time.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace callsnare::domain {

// A tamper-evident, append-only record of what the product did ("call_missed",
// "text_sent", ...), so a business can show a regulator or a customer what
// happened and that nobody edited it afterwards.
//
// FORMAT (version 1) — any other implementation (the relay, an auditor's
// script) must reproduce these bytes exactly.
//
//   u64(n)  = n as 8 bytes, big-endian
//   i64(n)  = n as 8 bytes, big-endian two's complement
//   str(s)  = u64(byte length of s) followed by the raw bytes of s (UTF-8,
//             no terminator, no normalization)
//
//   canonicalBytes(fact) =
//       str("callsnare.proof.v1")
//       str(orgId) str(kind)
//       i64(occurredAt as whole seconds since 1970-01-01T00:00:00Z)
//       u64(number of fields)
//       for each field, sorted by key (bytewise, as unsigned bytes), then by
//       value for equal keys:  str(key) str(value)
//
//   record.hash = lowercase hex SHA-256 of
//       u64(sequence) || previousHash as its 64 ASCII hex characters || canonicalBytes(fact)
//
//   Sequences start at 1 and grow by one. The first record's previousHash is
//   the genesis value: 64 '0' characters.
//
// Every piece is length-prefixed or fixed-size, so no two different facts
// share bytes (("ab","c") and ("a","bc") differ), and field order as given
// does not matter. The chain proves that nothing inside it was changed,
// removed or reordered; it cannot show that records were cut off the END.
// Publish or store the latest hash elsewhere to detect that.
struct ProofFact {
    std::string orgId;
    std::string kind;
    Instant occurredAt{};
    std::vector<std::pair<std::string, std::string>> fields;

    friend bool operator==(const ProofFact&, const ProofFact&) = default;
};

struct ProofRecord {
    std::uint64_t sequence = 0;
    ProofFact fact;
    std::string previousHash;
    std::string hash;

    friend bool operator==(const ProofRecord&, const ProofRecord&) = default;
};

// 64 '0' characters: the previousHash of the first record.
inline constexpr std::string_view kGenesisHash
    = "0000000000000000000000000000000000000000000000000000000000000000";

// Lowercase hex SHA-256 of the bytes.
std::string sha256Hex(std::string_view bytes);
// The bytes a fact is hashed as (see FORMAT above).
std::string canonicalBytes(const ProofFact& fact);
// The hash a record with these parts must carry (see FORMAT above).
std::string proofRecordHash(std::uint64_t sequence, std::string_view previousHash, const ProofFact& fact);

// The first place a chain is broken, and why.
struct ChainBreak {
    std::size_t index = 0;
    std::string reason;
};

// Checks, record by record: sequences run 1, 2, 3...; each previousHash is the
// previous record's hash (genesis for the first); each hash recomputes from
// the record; no record carries a field key twice. Nothing for an intact (or
// empty) chain.
std::optional<ChainBreak> findFirstBrokenLink(const std::vector<ProofRecord>& records);

class ProofLedger {
public:
    ProofLedger() = default;

    // Continues a stored chain; refused ("broken_proof_chain") if it does not
    // verify, so nothing is ever appended to a tampered chain.
    static Result<ProofLedger> fromRecords(std::vector<ProofRecord> records);

    // Seals the fact as the next record and returns a copy of it (a reference
    // would dangle after the next append). Refused: an empty org or kind
    // ("invalid_proof_fact"), a field key given twice ("duplicate_proof_field").
    Result<ProofRecord> append(ProofFact fact);

    const std::vector<ProofRecord>& records() const { return m_records; }
    // The hash the next record will chain to (genesis when empty).
    std::string_view headHash() const;

private:
    std::vector<ProofRecord> m_records;
};

} // namespace callsnare::domain
