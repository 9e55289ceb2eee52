#include "QtTimeZoneConverter.h"
#include "domain/ProofLedger.h"

#include <QByteArray>
#include <QTest>

#include <algorithm>
#include <functional>

using namespace callsnare::domain;
using namespace std::chrono_literals;

// Changes a chain the way an attacker (or a bug) might.
using Tamper = std::function<void(std::vector<callsnare::domain::ProofRecord>&)>;

Q_DECLARE_METATYPE(callsnare::domain::ProofFact)
Q_DECLARE_METATYPE(Tamper)

namespace {

QString hexOf(const std::string& bytes)
{
    return QString::fromLatin1(QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size())).toHex());
}

ProofFact callMissed(int n)
{
    return ProofFact{
        "org-1",
        n % 2 == 0 ? "call_missed" : "text_sent",
        utc("2026-07-03T12:00:00Z") + std::chrono::minutes{n},
        {{"from", "+1555000" + std::to_string(1000 + n)}, {"lead", "lead-" + std::to_string(n)}}};
}

std::vector<ProofRecord> chainOf(int count)
{
    ProofLedger ledger;
    for (int n = 0; n < count; ++n) {
        const auto appended = ledger.append(callMissed(n));
        Q_ASSERT(appended.ok());
    }
    return ledger.records();
}

bool isLowerHex64(const std::string& text)
{
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

} // namespace

class TestProofLedger : public QObject {
    Q_OBJECT

private slots:
    void sha256KnownVectors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("digest");
        QTest::newRow("empty") << QByteArray()
                               << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        QTest::newRow("abc") << QByteArray("abc")
                             << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        QTest::newRow("two blocks") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                                    << "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
        QTest::newRow("embedded NUL")
            << QByteArray("a\0b", 3) << "59b271ae1bbcb1d31d41929817f4b16fb439eb4f31520b5ad1d5ce98920a7138";
    }

    void sha256KnownVectors()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, digest);
        const std::string hex
            = sha256Hex(std::string_view(input.constData(), static_cast<std::size_t>(input.size())));
        QCOMPARE(QString::fromStdString(hex), digest);
    }

    // The exact bytes, worked out independently from the format in the
    // header (a Python script), so the relay or an auditor can rely on it.
    void canonicalBytesMatchTheDocumentedFormat()
    {
        const ProofFact fact{"org-1",
                             "text_sent",
                             utc("2026-07-03T12:00:00Z"),
                             {{"to", "+15551234567"}, {"body", "Hi \xC3\xA9"}}};
        QCOMPARE(hexOf(canonicalBytes(fact)),
                 QStringLiteral("000000000000001263616c6c736e6172652e70726f6f662e7631"
                                "00000000000000056f72672d31"
                                "0000000000000009746578745f73656e74"
                                "000000006a47a440"
                                "0000000000000002"
                                "0000000000000004626f6479"
                                "0000000000000005486920c3a9"
                                "0000000000000002746f"
                                "000000000000000c2b3135353531323334353637"));
        QCOMPARE(QString::fromStdString(proofRecordHash(1, kGenesisHash, fact)),
                 QStringLiteral("52fd638e499b58782bebca82baec5d4b99e626cfbc6af06318cb39b65a988880"));

        // Before 1970: two's complement, no collision with positive times.
        const ProofFact early{"o", "k", Instant{-1s}, {}};
        QCOMPARE(hexOf(canonicalBytes(early)),
                 QStringLiteral("000000000000001263616c6c736e6172652e70726f6f662e7631"
                                "00000000000000016f"
                                "00000000000000016b"
                                "ffffffffffffffff"
                                "0000000000000000"));
    }

    void canonicalBytesIgnoreFieldOrder()
    {
        ProofFact a{"org-1",
                    "call_missed",
                    utc("2026-07-03T12:00:00Z"),
                    {{"from", "+15550001"}, {"to", "+15550002"}, {"duration", "0"}}};
        ProofFact b = a;
        std::reverse(b.fields.begin(), b.fields.end());
        QCOMPARE(hexOf(canonicalBytes(a)), hexOf(canonicalBytes(b)));
        std::rotate(b.fields.begin(), b.fields.begin() + 1, b.fields.end());
        QCOMPARE(hexOf(canonicalBytes(a)), hexOf(canonicalBytes(b)));
    }

    void canonicalBytesChangeWithEveryPart_data()
    {
        QTest::addColumn<ProofFact>("a");
        QTest::addColumn<ProofFact>("b");

        const Instant t = utc("2026-07-03T12:00:00Z");
        const ProofFact base{"org-1", "call_missed", t, {{"from", "+15550001"}, {"lead", "lead-1"}}};
        const auto with = [&](auto change) {
            ProofFact copy = base;
            change(copy);
            return copy;
        };
        QTest::newRow("org") << base << with([](ProofFact& f) { f.orgId = "org-2"; });
        QTest::newRow("kind") << base << with([](ProofFact& f) { f.kind = "text_sent"; });
        QTest::newRow("time by a second") << base << with([](ProofFact& f) { f.occurredAt += 1s; });
        QTest::newRow("field value") << base << with([](ProofFact& f) { f.fields[1].second = "lead-2"; });
        QTest::newRow("field key") << base << with([](ProofFact& f) { f.fields[1].first = "leads"; });
        QTest::newRow("field added") << base << with([](ProofFact& f) { f.fields.emplace_back("x", ""); });
        QTest::newRow("field removed") << base << with([](ProofFact& f) { f.fields.pop_back(); });
        QTest::newRow("empty value vs no field")
            << ProofFact{"o", "k", t, {}} << ProofFact{"o", "k", t, {{"", ""}}};
        QTest::newRow("key/value split")
            << ProofFact{"o", "k", t, {{"ab", "c"}}} << ProofFact{"o", "k", t, {{"a", "bc"}}};
        QTest::newRow("org/kind split") << ProofFact{"ab", "c", t, {}} << ProofFact{"a", "bc", t, {}};
        QTest::newRow("value/next key split") << ProofFact{"o", "k", t, {{"a", "1b"}, {"c", "2"}}}
                                              << ProofFact{"o", "k", t, {{"a", "1"}, {"bc", "2"}}};
        QTest::newRow("kind swallows a field")
            << ProofFact{"o", "kx", t, {}} << ProofFact{"o", "k", t, {{"x", ""}}};
    }

    void canonicalBytesChangeWithEveryPart()
    {
        QFETCH(ProofFact, a);
        QFETCH(ProofFact, b);
        QVERIFY2(canonicalBytes(a) != canonicalBytes(b), qPrintable(hexOf(canonicalBytes(a))));
        QVERIFY(proofRecordHash(1, kGenesisHash, a) != proofRecordHash(1, kGenesisHash, b));
    }

    void emptyChainVerifies()
    {
        QVERIFY(!findFirstBrokenLink({}).has_value());
        QCOMPARE(QString::fromStdString(std::string(ProofLedger{}.headHash())),
                 QString::fromStdString(std::string(kGenesisHash)));
    }

    void intactChainVerifies()
    {
        const auto records = chainOf(200);
        QCOMPARE(records.size(), std::size_t{200});
        const auto broken = findFirstBrokenLink(records);
        QVERIFY2(!broken, broken ? broken->reason.c_str() : "");
        QCOMPARE(QString::fromStdString(records.front().previousHash), QString(64, QLatin1Char('0')));
        for (std::size_t i = 0; i < records.size(); ++i) {
            QCOMPARE(records[i].sequence, std::uint64_t{i + 1});
            QVERIFY2(isLowerHex64(records[i].hash), records[i].hash.c_str());
            if (i > 0) {
                QCOMPARE(QString::fromStdString(records[i].previousHash),
                         QString::fromStdString(records[i - 1].hash));
            }
        }
    }

    void tamperingIsFoundAtTheFirstBrokenRecord_data()
    {
        QTest::addColumn<Tamper>("tamper");
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("reasonMentions");

        const auto rehash
            = [](ProofRecord& r) { r.hash = proofRecordHash(r.sequence, r.previousHash, r.fact); };
        QTest::newRow("field value") << Tamper([](auto& rs) { rs[2].fact.fields[0].second = "+15559999999"; })
                                     << 2 << "contents";
        QTest::newRow("time") << Tamper([](auto& rs) { rs[3].fact.occurredAt -= 1s; }) << 3 << "contents";
        QTest::newRow("kind of the first")
            << Tamper([](auto& rs) { rs[0].fact.kind = "call_answered"; }) << 0 << "contents";
        QTest::newRow("org of the last")
            << Tamper([](auto& rs) { rs[5].fact.orgId = "org-2"; }) << 5 << "contents";
        QTest::newRow("field reordered is not tampering, field added is") << Tamper([](auto& rs) {
            std::swap(rs[1].fact.fields[0], rs[1].fact.fields[1]);
            rs[4].fact.fields.emplace_back("note", "paid");
        }) << 4 << "contents";
        QTest::newRow("hash") << Tamper([](auto& rs) { rs[1].hash[10] = rs[1].hash[10] == 'a' ? 'b' : 'a'; })
                              << 1 << "hash";
        QTest::newRow("previous hash")
            << Tamper([](auto& rs) { rs[4].previousHash = rs[2].hash; }) << 4 << "point";
        QTest::newRow("genesis") << Tamper([](auto& rs) { rs[0].previousHash[63] = '1'; }) << 0 << "point";
        QTest::newRow("record deleted")
            << Tamper([](auto& rs) { rs.erase(rs.begin() + 2); }) << 2 << "sequence";
        QTest::newRow("first record deleted")
            << Tamper([](auto& rs) { rs.erase(rs.begin()); }) << 0 << "sequence";
        QTest::newRow("two records swapped")
            << Tamper([](auto& rs) { std::swap(rs[1], rs[2]); }) << 1 << "sequence";
        QTest::newRow("swapped and renumbered") << Tamper([](auto& rs) {
            std::swap(rs[1], rs[2]);
            std::swap(rs[1].sequence, rs[2].sequence);
        }) << 1 << "point";
        QTest::newRow("one record rewritten and rehashed") << Tamper([rehash](auto& rs) {
            rs[3].fact.fields[1].second = "lead-99";
            rehash(rs[3]);
        }) << 4 << "point";
        QTest::newRow("duplicate key slipped in and rehashed") << Tamper([rehash](auto& rs) {
            rs[2].fact.fields.emplace_back("lead", "lead-x");
            rehash(rs[2]);
        }) << 2 << "twice";
        QTest::newRow("record duplicated")
            << Tamper([](auto& rs) { rs.insert(rs.begin() + 3, rs[2]); }) << 3 << "sequence";
    }

    void tamperingIsFoundAtTheFirstBrokenRecord()
    {
        QFETCH(Tamper, tamper);
        QFETCH(int, index);
        QFETCH(QString, reasonMentions);

        auto records = chainOf(6);
        tamper(records);
        const auto broken = findFirstBrokenLink(records);
        QVERIFY2(broken.has_value(), "tampering went unnoticed");
        QVERIFY2(broken->index == static_cast<std::size_t>(index), broken->reason.c_str());
        const QString reason = QString::fromStdString(broken->reason);
        QVERIFY2(reason.contains(reasonMentions), qPrintable(reason));
        QVERIFY2(reason.contains(QString::number(index)), qPrintable(reason));

        const auto loaded = ProofLedger::fromRecords(records);
        QVERIFY(!loaded.ok());
        QCOMPARE(QString::fromStdString(loaded.error().code), QStringLiteral("broken_proof_chain"));
    }

    void appendingAfterLoadingContinuesTheChain()
    {
        ProofLedger original;
        for (int n = 0; n < 5; ++n) {
            QVERIFY(original.append(callMissed(n)).ok());
        }
        auto loaded = ProofLedger::fromRecords(original.records());
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
        ProofLedger continued = std::move(loaded).value();

        const auto next = continued.append(callMissed(5));
        QVERIFY2(next.ok(), next.ok() ? "" : next.error().message.c_str());
        QCOMPARE(next->sequence, std::uint64_t{6});
        QCOMPARE(QString::fromStdString(next->previousHash),
                 QString::fromStdString(original.records()[4].hash));
        QCOMPARE(QString::fromStdString(std::string(continued.headHash())),
                 QString::fromStdString(next->hash));
        QVERIFY(continued.records().back() == next.value());
        QVERIFY(!findFirstBrokenLink(continued.records()).has_value());

        // The same facts appended in one go give the very same chain.
        QVERIFY(original.append(callMissed(5)).ok());
        QVERIFY(original.records() == continued.records());
    }

    void invalidFactsAreRefused_data()
    {
        QTest::addColumn<ProofFact>("fact");
        QTest::addColumn<QString>("error");
        const Instant t = utc("2026-07-03T12:00:00Z");
        QTest::newRow("duplicate key, different values")
            << ProofFact{"org-1", "text_sent", t, {{"to", "+1"}, {"body", "x"}, {"to", "+2"}}}
            << "duplicate_proof_field";
        QTest::newRow("duplicate key and value")
            << ProofFact{"org-1", "text_sent", t, {{"to", "+1"}, {"to", "+1"}}} << "duplicate_proof_field";
        QTest::newRow("no org") << ProofFact{"", "text_sent", t, {}} << "invalid_proof_fact";
        QTest::newRow("no kind") << ProofFact{"org-1", "", t, {}} << "invalid_proof_fact";
    }

    void invalidFactsAreRefused()
    {
        QFETCH(ProofFact, fact);
        QFETCH(QString, error);
        ProofLedger ledger;
        QVERIFY(ledger.append(callMissed(0)).ok());
        const auto refused = ledger.append(fact);
        QVERIFY(!refused.ok());
        QCOMPARE(QString::fromStdString(refused.error().code), error);
        QVERIFY(!refused.error().message.empty());
        QCOMPARE(ledger.records().size(), std::size_t{1});
        QVERIFY(ledger.append(callMissed(1)).ok());
        QCOMPARE(ledger.records().back().sequence, std::uint64_t{2});
    }
};

QTEST_GUILESS_MAIN(TestProofLedger)
#include "tst_proofledger.moc"
