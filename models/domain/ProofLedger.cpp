#include "domain/ProofLedger.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>

namespace callsnare::domain {

namespace {

constexpr std::string_view kFormatTag = "callsnare.proof.v1";

void appendU64(std::string& out, std::uint64_t value)
{
    for (int shift = 56; shift >= 0; shift -= 8) {
        out.push_back(static_cast<char>((value >> shift) & 0xffU));
    }
}

void appendString(std::string& out, std::string_view text)
{
    appendU64(out, text.size());
    out.append(text);
}

using Field = std::pair<std::string, std::string>;

std::vector<const Field*> sortedFields(const ProofFact& fact)
{
    std::vector<const Field*> sorted;
    sorted.reserve(fact.fields.size());
    for (const Field& field : fact.fields) {
        sorted.push_back(&field);
    }
    // std::string compares through char_traits<char>, which orders bytes as
    // unsigned char: the bytewise order the format promises.
    std::sort(sorted.begin(), sorted.end(), [](const Field* a, const Field* b) { return *a < *b; });
    return sorted;
}

std::optional<std::string> duplicateKey(const ProofFact& fact)
{
    const std::vector<const Field*> sorted = sortedFields(fact);
    for (std::size_t i = 1; i < sorted.size(); ++i) {
        if (sorted[i]->first == sorted[i - 1]->first) {
            return sorted[i]->first;
        }
    }
    return std::nullopt;
}

} // namespace

std::string sha256Hex(std::string_view bytes)
{
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(bytes.data(), bytes.size());
    return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string canonicalBytes(const ProofFact& fact)
{
    std::string out;
    appendString(out, kFormatTag);
    appendString(out, fact.orgId);
    appendString(out, fact.kind);
    // Two's complement reinterpretation keeps instants before 1970 distinct.
    appendU64(out, static_cast<std::uint64_t>(fact.occurredAt.time_since_epoch().count()));
    appendU64(out, fact.fields.size());
    for (const Field* field : sortedFields(fact)) {
        appendString(out, field->first);
        appendString(out, field->second);
    }
    return out;
}

std::string proofRecordHash(std::uint64_t sequence, std::string_view previousHash, const ProofFact& fact)
{
    std::string bytes;
    appendU64(bytes, sequence);
    bytes.append(previousHash);
    bytes.append(canonicalBytes(fact));
    return sha256Hex(bytes);
}

std::optional<ChainBreak> findFirstBrokenLink(const std::vector<ProofRecord>& records)
{
    for (std::size_t i = 0; i < records.size(); ++i) {
        const ProofRecord& record = records[i];
        const std::uint64_t expected = i + 1;
        if (record.sequence != expected) {
            return ChainBreak{i,
                              "Record " + std::to_string(i) + " has sequence "
                                  + std::to_string(record.sequence) + " where " + std::to_string(expected)
                                  + " was expected: a record was removed, added or moved."};
        }
        const std::string_view previous = i == 0 ? kGenesisHash : std::string_view(records[i - 1].hash);
        if (record.previousHash != previous) {
            return ChainBreak{
                i, "Record " + std::to_string(i) + " does not point at the hash of the record before it."};
        }
        if (const auto key = duplicateKey(record.fact)) {
            return ChainBreak{i,
                              "Record " + std::to_string(i) + " carries the field \"" + *key
                                  + "\" twice, which the ledger never writes."};
        }
        if (record.hash != proofRecordHash(record.sequence, record.previousHash, record.fact)) {
            return ChainBreak{
                i, "Record " + std::to_string(i) + " does not match its hash: its contents were changed."};
        }
    }
    return std::nullopt;
}

Result<ProofLedger> ProofLedger::fromRecords(std::vector<ProofRecord> records)
{
    if (const auto broken = findFirstBrokenLink(records)) {
        return makeError("broken_proof_chain", broken->reason);
    }
    ProofLedger ledger;
    ledger.m_records = std::move(records);
    return ledger;
}

Result<ProofRecord> ProofLedger::append(ProofFact fact)
{
    if (fact.orgId.empty() || fact.kind.empty()) {
        return makeError("invalid_proof_fact", "A proof fact needs an organization and a kind.");
    }
    if (const auto key = duplicateKey(fact)) {
        return makeError("duplicate_proof_field",
                         "The field \"" + *key + "\" is given twice; each key may appear once.");
    }
    ProofRecord record;
    record.sequence = m_records.size() + 1;
    record.previousHash = std::string(headHash());
    record.fact = std::move(fact);
    record.hash = proofRecordHash(record.sequence, record.previousHash, record.fact);
    m_records.push_back(record);
    return record;
}

std::string_view ProofLedger::headHash() const
{
    return m_records.empty() ? kGenesisHash : std::string_view(m_records.back().hash);
}

} // namespace callsnare::domain
