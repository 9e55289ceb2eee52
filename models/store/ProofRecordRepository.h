#pragma once

#include "domain/ProofLedger.h"

#include <QSqlDatabase>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace callsnare::store {

// The desktop's mirror of one organization's proof ledger (table
// proof_records). The relay writes the ledger; this side only appends what it
// receives, in order, and can re-verify the stored chain at any time. The
// fact's fields are stored as ProofFieldsEncoding.h describes. Every statement
// is filtered on the organization.
//
// Failures return false / nullopt with a readable sentence in `error`; a
// lookup that finds nothing returns nullopt and leaves `error` empty.
class ProofRecordRepository {
public:
    ProofRecordRepository(QSqlDatabase db, QString orgId);

    // Stores the next record of the chain. Refused, with nothing stored: a
    // record of another organization, one whose hash does not recompute from
    // its contents, and one that does not continue the stored chain (sequence
    // not head + 1, or previousHash not the head's hash).
    bool append(const domain::ProofRecord& record, QString* error);

    // The whole chain in sequence order. A record whose stored fields cannot
    // be decoded fails the call.
    bool all(std::vector<domain::ProofRecord>* records, QString* error) const;
    // The latest record; nothing when the ledger is empty.
    std::optional<domain::ProofRecord> head(QString* error) const;
    // The stored hash of record `sequence`; nothing when there is no such record.
    std::optional<std::string> hashAt(std::uint64_t sequence, QString* error) const;

    // Loads the chain and checks it with domain::findFirstBrokenLink. Nothing
    // in `firstBreak` means intact; otherwise the index (0-based, in sequence
    // order) and the reason of the first break. Stored fields that no longer
    // decode count as a break at their record. Returns false only when the
    // profile cannot be read.
    bool verify(std::optional<domain::ChainBreak>* firstBreak, QString* error) const;

private:
    // Every decodable record in order; stops at the first undecodable one and
    // reports its index in `unreadableAt` with the reason in `unreadableReason`.
    bool load(const QString& order, int limit, std::vector<domain::ProofRecord>* records,
              std::optional<std::size_t>* unreadableAt, QString* unreadableReason, QString* error) const;

    QSqlDatabase m_db;
    QString m_orgId;
};

} // namespace callsnare::store
