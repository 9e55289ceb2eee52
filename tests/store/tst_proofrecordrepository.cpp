// The proof ledger's desktop mirror: the fields encoding, a chain stored,
// reloaded and re-verified, tampering found at the exact record, appends that
// do not continue the chain refused, organizations kept apart.

#include "RecordFixture.h"

#include "store/ProofFieldsEncoding.h"
#include "store/ProofRecordRepository.h"
#include "store/StoreSql.h"

#include "domain/ProofLedger.h"

#include <QHash>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>

using namespace callsnare;
using namespace callsnare::store;
using namespace recordtest;

namespace {

domain::ProofFact makeFact(const QString& org, int n)
{
    domain::ProofFact fact;
    fact.orgId = org.toStdString();
    fact.kind = n % 3 == 0 ? "call_missed" : n % 3 == 1 ? "text_sent" : "booking_made";
    fact.occurredAt = utc("2026-03-08T14:00:00Z") + std::chrono::minutes{n};
    // Given out of canonical order, with multi-byte UTF-8 and a NUL byte, so
    // the encoding is shown to keep bytes, not characters.
    fact.fields = {{"zeta", "value-" + std::to_string(n)},
                   {"lead_id", "lead-" + std::to_string(n % 7)},
                   {"body", std::string("Furnace \xc3\xbc\xe2\x9c\x93 clicks") + '\0' + "then stops"},
                   {"empty", ""}};
    return fact;
}

domain::ProofFact sortedFields(domain::ProofFact fact)
{
    std::sort(fact.fields.begin(), fact.fields.end());
    return fact;
}

std::vector<domain::ProofRecord> buildChain(const QString& org, int count)
{
    domain::ProofLedger ledger;
    for (int n = 0; n < count; ++n) {
        const auto record = ledger.append(makeFact(org, n));
        if (!record) {
            qFatal("the ledger refused a test fact: %s", record.error().message.c_str());
        }
    }
    return ledger.records();
}

} // namespace

class TestProofRecordRepository : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        QString error;
        QVERIFY2(m_profile.create(&error), qPrintable(error));
    }
    void cleanup() { m_profile.close(); }

    void proofFieldsEncodingIsCanonical();
    void proofFieldsDecodingIsStrict_data();
    void proofFieldsDecodingIsStrict();
    void proofChainStoredReloadedAndVerified();
    void proofTamperingFound_data();
    void proofTamperingFound();
    void proofAppendMustContinueChain_data();
    void proofAppendMustContinueChain();
    void organizationsKeepTheirOwnLedger();

private:
    QSqlDatabase db() const { return m_profile.db(); }
    void reopen()
    {
        QString error;
        QVERIFY2(m_profile.reopen(&error), qPrintable(error));
    }
    std::vector<domain::ProofRecord> storeChain(const QString& org, int count);

    ProfileUnderTest m_profile;
};

std::vector<domain::ProofRecord> TestProofRecordRepository::storeChain(const QString& org, int count)
{
    const std::vector<domain::ProofRecord> chain = buildChain(org, count);
    ProofRecordRepository repository(db(), org);
    for (const domain::ProofRecord& record : chain) {
        QString error;
        if (!repository.append(record, &error)) {
            qWarning("append of record %llu failed: %s", static_cast<unsigned long long>(record.sequence),
                     qPrintable(error));
            return {};
        }
    }
    return chain;
}

void TestProofRecordRepository::proofFieldsEncodingIsCanonical()
{
    const domain::ProofFact fact = makeFact(kOrgA, 4);
    const QByteArray encoded = encodeProofFields(fact.fields);
    // The stored bytes are exactly the tail of what the ledger hashes.
    const std::string canonical = domain::canonicalBytes(fact);
    QVERIFY(canonical.size() > static_cast<std::size_t>(encoded.size()));
    QCOMPARE(QByteArray::fromStdString(
                 canonical.substr(canonical.size() - static_cast<std::size_t>(encoded.size()))),
             encoded);
    // Spelled out for one small case: count, then key and value, each
    // length-prefixed, big-endian.
    const QByteArray small = encodeProofFields({{"b", ""}, {"a", "xy"}});
    QCOMPARE(small.toHex(),
             QByteArray("0000000000000002"
                        "0000000000000001"
                        "61"
                        "0000000000000002"
                        "7879"
                        "0000000000000001"
                        "62"
                        "0000000000000000"));

    std::vector<std::pair<std::string, std::string>> decoded;
    QString error;
    QVERIFY2(decodeProofFields(encoded, &decoded, &error), qPrintable(error));
    QCOMPARE(decoded, sortedFields(fact).fields);
    QVERIFY2(decodeProofFields(encodeProofFields({}), &decoded, &error), qPrintable(error));
    QVERIFY(decoded.empty());
}

void TestProofRecordRepository::proofFieldsDecodingIsStrict_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray good = encodeProofFields({{"key", "value"}});
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("short count") << QByteArray::fromHex("000000");
    QTest::newRow("truncated value") << good.left(good.size() - 1);
    QTest::newRow("trailing byte") << good + '\x00';
    QTest::newRow("huge count") << QByteArray::fromHex("7fffffffffffffff") + good.mid(8);
    QTest::newRow("length past end") << QByteArray::fromHex("0000000000000001ffffffffffffffff61");
}

void TestProofRecordRepository::proofFieldsDecodingIsStrict()
{
    QFETCH(QByteArray, bytes);
    std::vector<std::pair<std::string, std::string>> decoded{{"left", "over"}};
    QString error;
    QVERIFY(!decodeProofFields(bytes, &decoded, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(decoded.empty());
}

void TestProofRecordRepository::proofChainStoredReloadedAndVerified()
{
    const std::vector<domain::ProofRecord> chain = storeChain(kOrgA, 50);
    QCOMPARE(chain.size(), 50U);
    reopen();

    ProofRecordRepository proofs(db(), kOrgA);
    std::vector<domain::ProofRecord> loaded;
    QString error;
    QVERIFY2(proofs.all(&loaded, &error), qPrintable(error));
    QCOMPARE(loaded.size(), chain.size());
    for (std::size_t i = 0; i < chain.size(); ++i) {
        domain::ProofRecord expected = chain[i];
        expected.fact = sortedFields(expected.fact); // stored in canonical order
        QCOMPARE(loaded[i], expected);
    }
    error.clear();
    const std::optional<domain::ProofRecord> head = proofs.head(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(head);
    QCOMPARE(head->sequence, 50U);
    QCOMPARE(head->hash, chain.back().hash);

    std::optional<domain::ChainBreak> broken;
    QVERIFY2(proofs.verify(&broken, &error), qPrintable(error));
    QVERIFY2(!broken, broken ? broken->reason.c_str() : "");

    // The ledger continues from what was stored.
    auto ledger = domain::ProofLedger::fromRecords(loaded);
    QVERIFY(ledger);
    const auto next = ledger.value().append(makeFact(kOrgA, 50));
    QVERIFY(next);
    QVERIFY2(proofs.append(next.value(), &error), qPrintable(error));
}

void TestProofRecordRepository::proofTamperingFound_data()
{
    QTest::addColumn<QString>("tamper");
    QTest::addColumn<int>("sequence");
    QTest::addColumn<int>("expectedIndex");
    QTest::addColumn<QString>("expectedReason");

    QTest::newRow("field value in the blob") << "fieldValue" << 23 << 22 << "contents were changed";
    QTest::newRow("field value in the first record") << "fieldValue" << 1 << 0 << "contents were changed";
    QTest::newRow("own hash") << "hash" << 37 << 36 << "contents were changed";
    QTest::newRow("hash of the head") << "hash" << 50 << 49 << "contents were changed";
    QTest::newRow("previous hash") << "previousHash" << 12 << 11 << "does not point at";
    QTest::newRow("kind") << "kind" << 5 << 4 << "contents were changed";
    QTest::newRow("time") << "occurredAt" << 44 << 43 << "contents were changed";
    QTest::newRow("record removed") << "delete" << 30 << 29 << "removed";
    QTest::newRow("fields unreadable") << "truncate" << 18 << 17 << "cannot be read";
}

void TestProofRecordRepository::proofTamperingFound()
{
    QFETCH(QString, tamper);
    QFETCH(int, sequence);
    QFETCH(int, expectedIndex);
    QFETCH(QString, expectedReason);

    QCOMPARE(storeChain(kOrgA, 50).size(), 50U);
    QString error;
    const QVariantList row{kOrgA, sequence};
    if (tamper == QLatin1String("fieldValue")) {
        // Change one character of one value inside the stored bytes, keeping
        // the encoding valid: only the hash can tell.
        QSqlQuery read(db());
        QVERIFY2(execute(read,
                         QStringLiteral("SELECT fields FROM proof_records WHERE org_id = ? AND sequence = ?"),
                         row, &error),
                 qPrintable(error));
        QVERIFY(read.next());
        QByteArray fields = read.value(0).toByteArray();
        const qsizetype at = fields.indexOf("value-");
        QVERIFY(at >= 0);
        fields[at] = 'V';
        QVERIFY2(
            execute(db(),
                    QStringLiteral("UPDATE proof_records SET fields = ? WHERE org_id = ? AND sequence = ?"),
                    {fields, kOrgA, sequence}, &error),
            qPrintable(error));
    } else if (tamper == QLatin1String("truncate")) {
        QVERIFY2(
            execute(db(),
                    QStringLiteral("UPDATE proof_records SET fields = substr(fields, 1, length(fields) - 3) "
                                   "WHERE org_id = ? AND sequence = ?"),
                    row, &error),
            qPrintable(error));
    } else if (tamper == QLatin1String("delete")) {
        QVERIFY2(execute(db(), QStringLiteral("DELETE FROM proof_records WHERE org_id = ? AND sequence = ?"),
                         row, &error),
                 qPrintable(error));
    } else {
        const QHash<QString, QPair<QString, QVariant>> updates{
            {QStringLiteral("hash"), {QStringLiteral("hash"), QString(64, QLatin1Char('a'))}},
            {QStringLiteral("previousHash"),
             {QStringLiteral("previous_hash"), QString(64, QLatin1Char('b'))}},
            {QStringLiteral("kind"), {QStringLiteral("kind"), QStringLiteral("text_not_sent")}},
            {QStringLiteral("occurredAt"), {QStringLiteral("occurred_at"), 1}},
        };
        const auto& [column, value] = updates.value(tamper);
        QVERIFY2(execute(db(),
                         QStringLiteral("UPDATE proof_records SET %1 = ? WHERE org_id = ? AND sequence = ?")
                             .arg(column),
                         {value, kOrgA, sequence}, &error),
                 qPrintable(error));
    }
    reopen();

    ProofRecordRepository proofs(db(), kOrgA);
    std::optional<domain::ChainBreak> broken;
    QVERIFY2(proofs.verify(&broken, &error), qPrintable(error));
    QVERIFY(broken);
    QCOMPARE(broken->index, static_cast<std::size_t>(expectedIndex));
    QVERIFY2(QString::fromStdString(broken->reason).contains(expectedReason), broken->reason.c_str());

    // The other organization's ledger is not affected.
    ProofRecordRepository other(db(), kOrgB);
    QVERIFY2(other.verify(&broken, &error), qPrintable(error));
    QVERIFY(!broken);
}

void TestProofRecordRepository::proofAppendMustContinueChain_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QString>("expected");

    QTest::newRow("sequence skipped") << "skip"
                                      << "does not continue";
    QTest::newRow("sequence repeated") << "repeat"
                                       << "does not continue";
    QTest::newRow("chained to another head") << "fork"
                                             << "does not continue";
    QTest::newRow("hash does not recompute") << "badHash"
                                             << "does not match its own hash";
    QTest::newRow("another organization's record") << "otherOrg"
                                                   << "another organization";
}

void TestProofRecordRepository::proofAppendMustContinueChain()
{
    QFETCH(QString, fault);
    QFETCH(QString, expected);

    const std::vector<domain::ProofRecord> stored = storeChain(kOrgA, 10);
    QCOMPARE(stored.size(), 10U);
    domain::ProofLedger ledger = domain::ProofLedger::fromRecords(stored).value();
    const auto sealed = [](domain::ProofRecord record) {
        record.hash = domain::proofRecordHash(record.sequence, record.previousHash, record.fact);
        return record;
    };

    domain::ProofRecord record = ledger.append(makeFact(kOrgA, 10)).value();
    if (fault == QLatin1String("skip")) {
        record = ledger.append(makeFact(kOrgA, 11)).value(); // sequence 12 after 10
    } else if (fault == QLatin1String("repeat")) {
        record = stored.back();
    } else if (fault == QLatin1String("fork")) {
        record.previousHash = stored[8].hash;
        record = sealed(record);
    } else if (fault == QLatin1String("badHash")) {
        record.fact.fields.front().second = "edited after sealing";
    } else if (fault == QLatin1String("otherOrg")) {
        record = buildChain(kOrgB, 11).back();
    }

    ProofRecordRepository proofs(db(), kOrgA);
    QString error;
    QVERIFY(!proofs.append(record, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));

    std::vector<domain::ProofRecord> after;
    QVERIFY2(proofs.all(&after, &error), qPrintable(error));
    QCOMPARE(after.size(), 10U);
    QSqlQuery count(db());
    QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM proof_records")) && count.next());
    QCOMPARE(count.value(0).toInt(), 10);
}
void TestProofRecordRepository::organizationsKeepTheirOwnLedger()
{
    QCOMPARE(storeChain(kOrgB, 3).size(), 3U);

    // A's ledger is empty although B's is not, and grows on its own.
    ProofRecordRepository proofsA(db(), kOrgA);
    std::vector<domain::ProofRecord> records;
    QString error;
    QVERIFY2(proofsA.all(&records, &error), qPrintable(error));
    QVERIFY(records.empty());
    QVERIFY(!proofsA.head(&error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    std::optional<domain::ChainBreak> broken;
    QVERIFY2(proofsA.verify(&broken, &error), qPrintable(error));
    QVERIFY(!broken);

    QCOMPARE(storeChain(kOrgA, 2).size(), 2U);
    QVERIFY2(proofsA.all(&records, &error), qPrintable(error));
    QCOMPARE(records.size(), 2U);
    ProofRecordRepository proofsB(db(), kOrgB);
    QVERIFY2(proofsB.verify(&broken, &error) && proofsB.all(&records, &error), qPrintable(error));
    QVERIFY(!broken);
    QCOMPARE(records.size(), 3U);
    QCOMPARE(records.back().hash, buildChain(kOrgB, 3).back().hash);
}

QTEST_GUILESS_MAIN(TestProofRecordRepository)
#include "tst_proofrecordrepository.moc"
