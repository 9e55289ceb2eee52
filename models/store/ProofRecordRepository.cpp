#include "store/ProofRecordRepository.h"

#include "store/ProofFieldsEncoding.h"
#include "store/StoreLogging.h"
#include "store/StoreSql.h"

#include <QSqlQuery>

#include <limits>
#include <utility>

namespace callsnare::store {

namespace {

bool fail(QString* error, const QString& message)
{
    if (error) {
        *error = message;
    }
    return false;
}

bool hasDuplicateKey(const domain::ProofFact& fact)
{
    for (std::size_t i = 0; i < fact.fields.size(); ++i) {
        for (std::size_t j = i + 1; j < fact.fields.size(); ++j) {
            if (fact.fields[i].first == fact.fields[j].first) {
                return true;
            }
        }
    }
    return false;
}

} // namespace

ProofRecordRepository::ProofRecordRepository(QSqlDatabase db, QString orgId)
    : m_db(std::move(db)), m_orgId(std::move(orgId))
{
}

bool ProofRecordRepository::append(const domain::ProofRecord& record, QString* error)
{
    const domain::ProofFact& fact = record.fact;
    if (toQString(fact.orgId) != m_orgId) {
        return fail(
            error,
            QStringLiteral("The proof record %1 belongs to another organization.").arg(record.sequence));
    }
    if (record.sequence > static_cast<std::uint64_t>(std::numeric_limits<qint64>::max())) {
        return fail(error,
                    QStringLiteral("The proof record's sequence %1 is out of range.").arg(record.sequence));
    }
    if (hasDuplicateKey(fact)) {
        return fail(error,
                    QStringLiteral("The proof record %1 carries a field twice, which the ledger never "
                                   "writes.")
                        .arg(record.sequence));
    }
    if (record.hash != domain::proofRecordHash(record.sequence, record.previousHash, fact)) {
        return fail(error,
                    QStringLiteral("The proof record %1 does not match its own hash: it was changed on the "
                                   "way.")
                        .arg(record.sequence));
    }

    QString headError;
    const std::optional<domain::ProofRecord> last = head(&headError);
    if (!headError.isEmpty()) {
        return fail(error, headError);
    }
    const std::uint64_t expectedSequence = last ? last->sequence + 1 : 1;
    const std::string_view expectedPrevious = last ? std::string_view(last->hash) : domain::kGenesisHash;
    if (record.sequence != expectedSequence || record.previousHash != expectedPrevious) {
        qCWarning(lcStore) << "Proof record" << record.sequence << "refused: the stored chain ends at"
                           << expectedSequence - 1;
        return fail(error,
                    QStringLiteral("The proof record %1 does not continue the stored ledger, which "
                                   "expects record %2 chained to the hash of record %3. Records must "
                                   "arrive in order from the relay.")
                        .arg(record.sequence)
                        .arg(expectedSequence)
                        .arg(expectedSequence - 1));
    }
    // The primary key (org_id, sequence) refuses a concurrent append of the
    // same sequence, so the check above cannot be raced into a fork.
    return execute(m_db,
                   QStringLiteral("INSERT INTO proof_records (org_id, sequence, kind, occurred_at, fields, "
                                  "previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                   {m_orgId, QVariant::fromValue<qint64>(static_cast<qint64>(record.sequence)),
                    toQString(fact.kind), instantValue(fact.occurredAt), encodeProofFields(fact.fields),
                    toQString(record.previousHash), toQString(record.hash)},
                   error);
}

bool ProofRecordRepository::all(std::vector<domain::ProofRecord>* records, QString* error) const
{
    std::optional<std::size_t> unreadableAt;
    QString reason;
    if (!load(QStringLiteral("ASC"), -1, records, &unreadableAt, &reason, error)) {
        return false;
    }
    if (unreadableAt) {
        records->clear();
        return fail(error, reason);
    }
    return true;
}

std::optional<domain::ProofRecord> ProofRecordRepository::head(QString* error) const
{
    std::vector<domain::ProofRecord> records;
    std::optional<std::size_t> unreadableAt;
    QString reason;
    if (!load(QStringLiteral("DESC"), 1, &records, &unreadableAt, &reason, error)) {
        return std::nullopt;
    }
    if (unreadableAt) {
        fail(error, reason);
        return std::nullopt;
    }
    if (records.empty()) {
        return std::nullopt;
    }
    return std::move(records.front());
}

std::optional<std::string> ProofRecordRepository::hashAt(std::uint64_t sequence, QString* error) const
{
    if (sequence > static_cast<std::uint64_t>(std::numeric_limits<qint64>::max())) {
        return std::nullopt;
    }
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(query, QStringLiteral("SELECT hash FROM proof_records WHERE org_id = ? AND sequence = ?"),
                 {m_orgId, QVariant::fromValue<qint64>(static_cast<qint64>(sequence))}, error)
        || !query.next()) {
        return std::nullopt;
    }
    return toStdString(query.value(0));
}

bool ProofRecordRepository::verify(std::optional<domain::ChainBreak>* firstBreak, QString* error) const
{
    std::vector<domain::ProofRecord> records;
    std::optional<std::size_t> unreadableAt;
    QString reason;
    if (!load(QStringLiteral("ASC"), -1, &records, &unreadableAt, &reason, error)) {
        return false;
    }
    // The records before an unreadable one may break the chain earlier.
    *firstBreak = domain::findFirstBrokenLink(records);
    if (!*firstBreak && unreadableAt) {
        *firstBreak = domain::ChainBreak{
            *unreadableAt, "Record " + std::to_string(*unreadableAt) + ": " + reason.toStdString()};
    }
    if (*firstBreak) {
        qCWarning(lcStore) << "Proof ledger broken at record index" << (*firstBreak)->index;
    }
    return true;
}

bool ProofRecordRepository::load(const QString& order, int limit, std::vector<domain::ProofRecord>* records,
                                 std::optional<std::size_t>* unreadableAt, QString* unreadableReason,
                                 QString* error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    // `order` is one of two literals chosen above, never input.
    if (!execute(query,
                 QStringLiteral("SELECT sequence, kind, occurred_at, fields, previous_hash, hash "
                                "FROM proof_records WHERE org_id = ? ORDER BY sequence %1 LIMIT ?")
                     .arg(order),
                 {m_orgId, limit}, error)) {
        return false;
    }
    records->clear();
    unreadableAt->reset();
    while (query.next()) {
        domain::ProofRecord record;
        record.sequence = static_cast<std::uint64_t>(query.value(0).toLongLong());
        record.fact.orgId = m_orgId.toStdString();
        record.fact.kind = toStdString(query.value(1));
        record.fact.occurredAt = instantFrom(query.value(2));
        QString why;
        if (!decodeProofFields(query.value(3).toByteArray(), &record.fact.fields, &why)) {
            *unreadableAt = records->size();
            *unreadableReason
                = QStringLiteral("The stored fields of proof record %1 cannot be read (%2): the profile was "
                                 "changed outside CallSnare.")
                      .arg(record.sequence)
                      .arg(why);
            return true;
        }
        record.previousHash = toStdString(query.value(4));
        record.hash = toStdString(query.value(5));
        records->push_back(std::move(record));
    }
    return true;
}

} // namespace callsnare::store
