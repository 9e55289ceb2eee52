#include "StoreRows.h"

#include "store/Profile.h"
#include "store/SearchIndex.h"
#include "store/SearchRanking.h"
#include "store/SearchText.h"
#include "store/StoreSql.h"

#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace callsnare::store;
using namespace storetest;

namespace {

const QString kOrgA = QStringLiteral("org-a");
const QString kOrgB = QStringLiteral("org-b");

QStringList refIds(const QVector<SearchHit>& hits)
{
    QStringList ids;
    for (const SearchHit& hit : hits) {
        ids.append(hit.refId);
    }
    return ids;
}

} // namespace

class TestSearchIndex : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void matchExpression_data();
    void matchExpression();
    void indexableTextGroupsPhoneNumbers();
    void bm25PrefersMoreAndRarerHits();

    void indexReplaceRemove();
    void indexFollowsRolledBackTransaction();
    void rankingOrder();
    void limitKeepsTheBest();
    void snippetHighlights();
    void prefixOnLastWordOnly();
    void phrase();
    void phoneDigits_data();
    void phoneDigits();
    void junkNeverFails_data();
    void junkNeverFails();
    void emptyQueryHasNoHits_data();
    void emptyQueryHasNoHits();
    void orgIsolation();

private:
    bool add(const QString& org, SearchKind kind, const QString& ref, const QString& text);
    QVector<SearchHit> find(const QString& org, const QString& text, int limit = 20);
    int rowCount(const QString& table);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Profile> m_profile;
    QSqlDatabase m_db;
};

// One profile for the whole test (keying a new file is slow on purpose);
// every test function starts from an empty index.
void TestSearchIndex::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_dir = std::make_unique<QTemporaryDir>(tempRoot() + QStringLiteral("/search-XXXXXX"));
    QVERIFY(m_dir->isValid());
    QString error;
    m_profile = makeProfile(*m_dir, QStringLiteral("search"), &error);
    QVERIFY2(m_profile, qPrintable(error));
    m_db = m_profile->database();
    QVERIFY2(addOrg(m_db, kOrgA, &error), qPrintable(error));
    QVERIFY2(addOrg(m_db, kOrgB, &error), qPrintable(error));
}

void TestSearchIndex::cleanupTestCase()
{
    m_db = QSqlDatabase();
    m_profile.reset();
    m_dir.reset();
}

void TestSearchIndex::init()
{
    QString error;
    QVERIFY2(execute(m_db, QStringLiteral("DELETE FROM search_index"), {}, &error), qPrintable(error));
    QVERIFY2(execute(m_db, QStringLiteral("DELETE FROM search_documents"), {}, &error), qPrintable(error));
    QVERIFY2(execute(m_db, QStringLiteral("DELETE FROM search_orgs"), {}, &error), qPrintable(error));
}

bool TestSearchIndex::add(const QString& org, SearchKind kind, const QString& ref, const QString& text)
{
    QString error;
    SearchIndex index(m_db, org);
    const QString lead = kind == SearchKind::Contact ? QString() : QStringLiteral("lead-") + ref;
    if (!index.index(kind, ref, lead, text, &error)) {
        qWarning() << "index failed:" << error;
        return false;
    }
    return true;
}

QVector<SearchHit> TestSearchIndex::find(const QString& org, const QString& text, int limit)
{
    QString error;
    const QVector<SearchHit> hits = SearchIndex(m_db, org).search(text, limit, &error);
    if (!error.isEmpty()) {
        qWarning() << "search failed:" << error;
    }
    return hits;
}

int TestSearchIndex::rowCount(const QString& table)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table) || !query.next()) {
        return -1;
    }
    return query.value(0).toInt();
}

void TestSearchIndex::matchExpression_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("expected");

    QTest::newRow("one word is a prefix") << "furn"
                                          << R"("furn*")";
    QTest::newRow("words are ANDed, last is a prefix") << "No heat"
                                                       << R"("no" "heat*")";
    QTest::newRow("quoted phrase is exact") << R"("no heat")"
                                            << R"("no heat")";
    QTest::newRow("phrase then word") << R"("no heat" furn)"
                                      << R"("no heat" "furn*")";
    QTest::newRow("unbalanced quote runs to the end") << R"("unbalanced text)"
                                                      << R"("unbalanced text")";
    QTest::newRow("punctuation joins a phrase") << "555-0142"
                                                << R"("555 0142*")";
    QTest::newRow("digit groups join") << "(512) 555"
                                       << R"("512 555*")";
    QTest::newRow("glued 10 digits") << "5125550142"
                                     << R"("512 555 0142*")";
    QTest::newRow("E.164") << "+15125550142"
                           << R"("512 555 0142*")";
    QTest::newRow("seven digits") << "5550142"
                                  << R"("555 0142*")";
    QTest::newRow("operators are words") << "AND OR NOT"
                                         << R"("and" "or" "not*")";
    QTest::newRow("NEAR( is a word") << "NEAR("
                                     << R"("near*")";
    QTest::newRow("column filter is a phrase") << "body:heat"
                                               << R"("body heat*")";
    QTest::newRow("minus is dropped") << "-furnace"
                                      << R"("furnace*")";
    QTest::newRow("star alone") << "*"
                                << "";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("accents kept for the tokenizer") << "Café"
                                                    << R"("café*")";
}

void TestSearchIndex::matchExpression()
{
    QFETCH(QString, typed);
    QFETCH(QString, expected);
    QCOMPARE(ftsMatchExpression(typed), expected);
}

void TestSearchIndex::indexableTextGroupsPhoneNumbers()
{
    QCOMPARE(indexableText(QStringLiteral("Dana +15125550142")), QStringLiteral("Dana +1 (512) 555-0142"));
    QCOMPARE(indexableText(QStringLiteral("call 5125550142.")), QStringLiteral("call (512) 555-0142."));
    QCOMPARE(indexableText(QStringLiteral("or 5550142")), QStringLiteral("or 555-0142"));
    // Not phone numbers: other lengths, digits inside words.
    QCOMPARE(indexableText(QStringLiteral("unit 123456 at 9pm")), QStringLiteral("unit 123456 at 9pm"));
    QCOMPARE(indexableText(QStringLiteral("model XR5125550142")), QStringLiteral("model XR5125550142"));
}

void TestSearchIndex::bm25PrefersMoreAndRarerHits()
{
    // 'pcnx' for one phrase, one column, 100 rows.
    const auto score = [](std::uint32_t hits, std::uint32_t rowsWithHit) {
        const std::uint32_t values[] = {1, 1, 100, hits, hits * 3, rowsWithHit};
        return bm25FromMatchinfo(values, std::size(values));
    };
    QVERIFY(score(3, 5) > score(2, 5)); // more hits
    QVERIFY(score(2, 5) > score(1, 5));
    QVERIFY(score(1, 2) > score(1, 60)); // rarer word
    QVERIFY(score(1, 100) > 0); // a word in every row still counts
    QCOMPARE(score(0, 5), 0.0);
    // Two phrases add up.
    const std::uint32_t both[] = {2, 1, 100, 1, 3, 5, 1, 3, 5};
    QVERIFY(bm25FromMatchinfo(both, std::size(both)) > score(1, 5) * 1.99);
    const std::uint32_t truncated[] = {2, 1, 100, 1, 3};
    QCOMPARE(bm25FromMatchinfo(truncated, std::size(truncated)), 0.0);
}

void TestSearchIndex::indexReplaceRemove()
{
    QVERIFY(add(kOrgA, SearchKind::Message, QStringLiteral("m1"), QStringLiteral("The furnace is rattling")));
    QCOMPARE(refIds(find(kOrgA, QStringLiteral("rattling"))), QStringList{QStringLiteral("m1")});
    const QVector<SearchHit> hits = find(kOrgA, QStringLiteral("rattling"));
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.front().kind, SearchKind::Message);
    QCOMPARE(hits.front().leadId, QStringLiteral("lead-m1"));

    // Re-indexing replaces the text: old words are gone, one row per table.
    QVERIFY(add(kOrgA, SearchKind::Message, QStringLiteral("m1"), QStringLiteral("Now the AC is leaking")));
    QVERIFY(find(kOrgA, QStringLiteral("rattling")).isEmpty());
    QCOMPARE(refIds(find(kOrgA, QStringLiteral("leaking"))), QStringList{QStringLiteral("m1")});
    QCOMPARE(rowCount(QStringLiteral("search_documents")), 1);
    QCOMPARE(rowCount(QStringLiteral("search_index")), 1);

    // The same id under another kind is another document.
    QVERIFY(add(kOrgA, SearchKind::Note, QStringLiteral("m1"), QStringLiteral("leaking note")));
    QCOMPARE(find(kOrgA, QStringLiteral("leaking")).size(), 2);

    QString error;
    SearchIndex index(m_db, kOrgA);
    QVERIFY2(index.remove(SearchKind::Message, QStringLiteral("m1"), &error), qPrintable(error));
    const QVector<SearchHit> left = find(kOrgA, QStringLiteral("leaking"));
    QCOMPARE(left.size(), 1);
    QCOMPARE(left.front().kind, SearchKind::Note);
    QCOMPARE(rowCount(QStringLiteral("search_documents")), 1);
    QCOMPARE(rowCount(QStringLiteral("search_index")), 1);
    // Removing what is not there is not an error.
    QVERIFY2(index.remove(SearchKind::Message, QStringLiteral("m1"), &error), qPrintable(error));
    // The index holds exactly the terms of the texts search_documents holds
    // (its external content): FTS4 fails the check otherwise, e.g. when a text
    // was changed before its old terms were taken out.
    QVERIFY2(execute(m_db,
                     QStringLiteral("INSERT INTO search_index (search_index) VALUES ('integrity-check')"), {},
                     &error),
             qPrintable(error));
}

void TestSearchIndex::indexFollowsRolledBackTransaction()
{
    QString error;
    bool indexed = false;
    const bool committed = inTransaction(m_db, &error, [&] {
        indexed = SearchIndex(m_db, kOrgA)
                      .index(SearchKind::Message, QStringLiteral("m1"), QStringLiteral("lead-1"),
                             QStringLiteral("compressor hum"), &error);
        return false; // the fact's own write failed: everything goes
    });
    QVERIFY2(indexed, qPrintable(error));
    QVERIFY(!committed);
    QVERIFY(find(kOrgA, QStringLiteral("compressor")).isEmpty());
    QCOMPARE(rowCount(QStringLiteral("search_documents")), 0);
    QCOMPARE(rowCount(QStringLiteral("search_index")), 0);

    QVERIFY(inTransaction(m_db, &error, [&] {
        return SearchIndex(m_db, kOrgA)
            .index(SearchKind::Message, QStringLiteral("m1"), QStringLiteral("lead-1"),
                   QStringLiteral("compressor hum"), &error);
    }));
    QCOMPARE(find(kOrgA, QStringLiteral("compressor")).size(), 1);
}

void TestSearchIndex::rankingOrder()
{
    QVERIFY(add(kOrgA, SearchKind::Message, QStringLiteral("once-old"),
                QStringLiteral("this week the furnace started acting up again at night")));
    QVERIFY(add(kOrgA, SearchKind::Message, QStringLiteral("thrice"),
                QStringLiteral("furnace furnace, the furnace won't stop")));
    QVERIFY(
        add(kOrgA, SearchKind::Message, QStringLiteral("twice"), QStringLiteral("furnace is out, furnace!")));
    QVERIFY(add(kOrgA, SearchKind::Message, QStringLiteral("once-new"), QStringLiteral("furnace is out")));
    for (int i = 0; i < 10; ++i) {
        QVERIFY(add(kOrgA, SearchKind::Message, QStringLiteral("filler-%1").arg(i),
                    QStringLiteral("our AC is blowing warm air, number %1").arg(i)));
    }
    // More hits first; equal matches: the newer text first.
    const QVector<SearchHit> hits = find(kOrgA, QStringLiteral("furnace"));
    QCOMPARE(refIds(hits),
             (QStringList{QStringLiteral("thrice"), QStringLiteral("twice"), QStringLiteral("once-new"),
                          QStringLiteral("once-old")}));
    QVERIFY(hits.at(0).rank > hits.at(1).rank);
    QVERIFY(hits.at(1).rank > hits.at(2).rank);
    QCOMPARE(hits.at(2).rank, hits.at(3).rank);
    QVERIFY(hits.at(3).rank > 0);

    // Two words: the text with the rarer word repeated ranks first.
    QVERIFY(add(kOrgA, SearchKind::Note, QStringLiteral("warm-rattle"),
                QStringLiteral("air is warm, rattle rattle rattle")));
    QVERIFY(add(kOrgA, SearchKind::Note, QStringLiteral("warm-warm"),
                QStringLiteral("air is warm warm warm, rattle")));
    QCOMPARE(refIds(find(kOrgA, QStringLiteral("warm rattle"))),
             (QStringList{QStringLiteral("warm-rattle"), QStringLiteral("warm-warm")}));
}

void TestSearchIndex::limitKeepsTheBest()
{
    for (int i = 1; i <= 30; ++i) {
        QStringList words;
        for (int n = 0; n < i; ++n) {
            words.append(QStringLiteral("heat"));
        }
        words.append(QStringLiteral("pump trouble"));
        QVERIFY(add(kOrgA, SearchKind::Message, QStringLiteral("h%1").arg(i, 2, 10, QLatin1Char('0')),
                    words.join(QLatin1Char(' '))));
    }
    QCOMPARE(refIds(find(kOrgA, QStringLiteral("heat"), 3)),
             (QStringList{QStringLiteral("h30"), QStringLiteral("h29"), QStringLiteral("h28")}));
    QCOMPARE(find(kOrgA, QStringLiteral("heat"), 100).size(), 30);
    QVERIFY(find(kOrgA, QStringLiteral("heat"), 0).isEmpty());
}

void TestSearchIndex::snippetHighlights()
{
    QVERIFY(add(
        kOrgA, SearchKind::Message, QStringLiteral("m1"),
        QStringLiteral("Hi, this is Maria on Oak Street. The furnace makes a loud banging noise every time "
                       "it kicks on and the house is getting cold. Can someone come out tomorrow morning "
                       "before nine? Thanks so much, really appreciate it.")));
    const QVector<SearchHit> hits = find(kOrgA, QStringLiteral("banging furn"));
    QCOMPARE(hits.size(), 1);
    const QString snippet = hits.front().snippet;
    QVERIFY2(snippet.contains(QStringLiteral("[banging]")), qPrintable(snippet));
    QVERIFY2(snippet.contains(QStringLiteral("[furnace]")), qPrintable(snippet));
    QVERIFY2(snippet.contains(QChar(0x2026)), qPrintable(snippet)); // shortened, not the whole text
    QVERIFY2(!snippet.contains(QStringLiteral("appreciate")), qPrintable(snippet));

    QVERIFY(
        add(kOrgA, SearchKind::Contact, QStringLiteral("c1"), QStringLiteral("Dana Whitfield +15125550142")));
    const QVector<SearchHit> contact = find(kOrgA, QStringLiteral("555-0142"));
    QCOMPARE(contact.size(), 1);
    QCOMPARE(contact.front().kind, SearchKind::Contact);
    QVERIFY(contact.front().leadId.isEmpty());
    QCOMPARE(contact.front().snippet, QStringLiteral("Dana Whitfield +1 (512) [555]-[0142]"));
}

void TestSearchIndex::prefixOnLastWordOnly()
{
    QVERIFY(
        add(kOrgA, SearchKind::Note, QStringLiteral("n1"), QStringLiteral("Noisy furnace in the basement")));
    QCOMPARE(refIds(find(kOrgA, QStringLiteral("furn"))), QStringList{QStringLiteral("n1")});
    QCOMPARE(refIds(find(kOrgA, QStringLiteral("noisy bas"))), QStringList{QStringLiteral("n1")});
    QCOMPARE(refIds(find(kOrgA, QStringLiteral("FURNACE"))), QStringList{QStringLiteral("n1")});
    // Only the word being typed is a prefix; finished words match whole.
    QVERIFY(find(kOrgA, QStringLiteral("furn basement")).isEmpty());
    QVERIFY(find(kOrgA, QStringLiteral("furnaces")).isEmpty());
}

void TestSearchIndex::phrase()
{
    QVERIFY(add(kOrgA, SearchKind::Message, QStringLiteral("exact"),
                QStringLiteral("there is no heat upstairs")));
    QVERIFY(add(kOrgA, SearchKind::Message, QStringLiteral("apart"),
                QStringLiteral("heat pump shows no error code")));
    QCOMPARE(refIds(find(kOrgA, QStringLiteral("\"no heat\""))), QStringList{QStringLiteral("exact")});
    QCOMPARE(find(kOrgA, QStringLiteral("no heat")).size(), 2);
    // A quoted phrase is exact: no prefix on its last word.
    QVERIFY(find(kOrgA, QStringLiteral("\"no hea\"")).isEmpty());
    QCOMPARE(refIds(find(kOrgA, QStringLiteral("\"no heat\" upst"))), QStringList{QStringLiteral("exact")});
}

void TestSearchIndex::phoneDigits_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QStringList>("expected");

    const QStringList contact{QStringLiteral("c-dana")};
    const QStringList message{QStringLiteral("m-callback")};
    QTest::newRow("last seven, dashed") << "555-0142" << contact;
    QTest::newRow("area code and exchange")
        << "(512) 555" << (QStringList{QStringLiteral("c-dana"), QStringLiteral("m-callback")});
    QTest::newRow("glued national") << "5125550142" << contact;
    QTest::newRow("E.164") << "+15125550142" << contact;
    QTest::newRow("spaced with country code") << "+1 512 555 0142" << contact;
    QTest::newRow("dotted") << "512.555.0142" << contact;
    QTest::newRow("glued seven") << "5550142" << contact;
    QTest::newRow("last four") << "0142" << contact;
    QTest::newRow("another number") << "555-0143" << QStringList();
    QTest::newRow("number written in a text, dashed") << "555-0199" << message;
    QTest::newRow("number written in a text, glued") << "5125550199" << message;
    QTest::newRow("name and number") << "dana 0142" << contact;
}

void TestSearchIndex::phoneDigits()
{
    QFETCH(QString, typed);
    QFETCH(QStringList, expected);
    QVERIFY(add(kOrgA, SearchKind::Contact, QStringLiteral("c-dana"),
                QStringLiteral("Dana Whitfield +15125550142")));
    QVERIFY(add(kOrgA, SearchKind::Message, QStringLiteral("m-callback"),
                QStringLiteral("Please call my wife back at 512.555.0199 instead")));
    QVERIFY(
        add(kOrgA, SearchKind::Contact, QStringLiteral("c-other"), QStringLiteral("Lee Ortiz +17375550100")));
    QStringList found = refIds(find(kOrgA, typed));
    found.sort();
    expected.sort();
    QCOMPARE(found, expected);
}

void TestSearchIndex::junkNeverFails_data()
{
    QTest::addColumn<QString>("typed");
    for (const char* junk : {"\"unbalanced",
                             "unbalanced\"",
                             "AND OR NOT",
                             "*",
                             "-",
                             "NEAR(",
                             "NEAR/3 furnace",
                             "furnace NEAR heat",
                             "\"\"",
                             "\"",
                             "(",
                             ")",
                             "((furnace",
                             "furnace)",
                             "'",
                             "' OR 1=1 --",
                             ";DROP TABLE leads;",
                             "^furnace",
                             "body:furnace",
                             ":",
                             "-furnace",
                             "furnace -heat",
                             "furnace OR",
                             "OR furnace",
                             "* furnace *",
                             "\\",
                             "%_%",
                             "\u2026",
                             "\U0001F525 furnace",
                             "a\"b\"c\"d",
                             "AND",
                             "NOT furnace",
                             "furnace*heat"}) {
        QTest::newRow(junk) << QString::fromUtf8(junk);
    }
}

void TestSearchIndex::junkNeverFails()
{
    QFETCH(QString, typed);
    QVERIFY(
        add(kOrgA, SearchKind::Message, QStringLiteral("m1"), QStringLiteral("furnace and heat, or not")));
    QString error;
    const QVector<SearchHit> hits = SearchIndex(m_db, kOrgA).search(typed, 10, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // Whatever words survive are searched as plain words.
    if (typed.contains(QStringLiteral("furnace")) && !typed.contains(QStringLiteral("DROP"))) {
        QVERIFY2(hits.size() <= 1, qPrintable(ftsMatchExpression(typed)));
    }
    QCOMPARE(rowCount(QStringLiteral("leads")), 0); // and nothing ran but a search
    QCOMPARE(rowCount(QStringLiteral("search_documents")), 1);
}

void TestSearchIndex::emptyQueryHasNoHits_data()
{
    QTest::addColumn<QString>("typed");
    QTest::newRow("empty") << QString();
    QTest::newRow("spaces") << QStringLiteral("   \t ");
    QTest::newRow("only syntax") << QStringLiteral("* - \" ( ) :");
}

void TestSearchIndex::emptyQueryHasNoHits()
{
    QFETCH(QString, typed);
    QVERIFY(add(kOrgA, SearchKind::Message, QStringLiteral("m1"), QStringLiteral("furnace")));
    QString error;
    QVERIFY(SearchIndex(m_db, kOrgA).search(typed, 10, &error).isEmpty());
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestSearchIndex::orgIsolation()
{
    QVERIFY(
        add(kOrgA, SearchKind::Message, QStringLiteral("a-msg"), QStringLiteral("condenser fan is dead")));
    QVERIFY(
        add(kOrgB, SearchKind::Message, QStringLiteral("b-msg"), QStringLiteral("condenser fan is dead")));
    QVERIFY(
        add(kOrgB, SearchKind::Contact, QStringLiteral("b-contact"), QStringLiteral("Condie +15125550177")));

    QCOMPARE(refIds(find(kOrgA, QStringLiteral("condenser"))), QStringList{QStringLiteral("a-msg")});
    QCOMPARE(refIds(find(kOrgB, QStringLiteral("condenser"))), QStringList{QStringLiteral("b-msg")});
    QVERIFY(find(kOrgA, QStringLiteral("555-0177")).isEmpty());
    QVERIFY(find(kOrgA, QStringLiteral("cond")).size() == 1);
    QString nobodyError;
    QVERIFY(SearchIndex(m_db, QStringLiteral("org-nobody"))
                .search(QStringLiteral("condenser"), 10, &nobodyError)
                .isEmpty());
    QVERIFY2(nobodyError.isEmpty(), qPrintable(nobodyError));

    // Org A can neither remove nor overwrite org B's documents.
    QString error;
    SearchIndex a(m_db, kOrgA);
    QVERIFY2(a.remove(SearchKind::Message, QStringLiteral("b-msg"), &error), qPrintable(error));
    QVERIFY(!a.index(SearchKind::Message, QStringLiteral("b-msg"), QString(), QStringLiteral("hijacked"),
                     &error));
    QVERIFY2(error.contains(QStringLiteral("another organization")), qPrintable(error));
    QCOMPARE(refIds(find(kOrgB, QStringLiteral("condenser"))), QStringList{QStringLiteral("b-msg")});
    QVERIFY(find(kOrgB, QStringLiteral("hijacked")).isEmpty());
    QVERIFY(find(kOrgA, QStringLiteral("hijacked")).isEmpty());
    QCOMPARE(rowCount(QStringLiteral("search_documents")), 3);
    QCOMPARE(rowCount(QStringLiteral("search_index")), 3);
}

QTEST_GUILESS_MAIN(TestSearchIndex)
#include "tst_searchindex.moc"
