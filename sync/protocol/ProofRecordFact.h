#pragma once

#include "domain/ProofLedger.h"
#include "domain/Time.h"

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace callsnare::protocol {

class JsonFields;

// "proof.recorded": one record of the organization's proof ledger
// (domain/ProofLedger.h) as the relay sealed it. The organization is the
// page's: it is part of the hashed bytes, so a record moved to another
// organization no longer verifies.
//
//   {"sequence": 7, "kind": "text_sent", "occurred_at": "2026-03-10T14:02:05Z",
//    "fields": [{"key": "lead_id", "value": "…"}, …],
//    "previous_hash": "<64 hex>", "hash": "<64 hex>"}
//
// `fields` is a list rather than an object so it keeps the ledger's pairs
// exactly (order and all); a key given twice is refused, as the ledger never
// writes one.
struct ProofRecordFact {
    std::int64_t sequence = 0; // from 1
    std::string kind;
    domain::Instant occurredAt{};
    std::vector<std::pair<std::string, std::string>> fields;
    std::string previousHash; // lowercase hex SHA-256; 64 '0' for the first record
    std::string hash;
};

ProofRecordFact proofRecordFactOf(const domain::ProofRecord& record);
// The domain's record in organization `orgId`, ready to verify.
domain::ProofRecord proofRecordOf(const ProofRecordFact& fact, std::string orgId);

Poco::JSON::Object::Ptr encodeProofRecord(const ProofRecordFact& record);
// The first problem stays in `fields`. Whether the hash verifies is for the
// applier to say: it knows the organization and the chain.
ProofRecordFact readProofRecord(JsonFields& fields);

} // namespace callsnare::protocol
