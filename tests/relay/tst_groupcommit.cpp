// The writer (GroupCommitWriter): units sharing commits and failing alone,
// gapless sequences under concurrent writers, draining on stop — on SQLite
// and PostgreSQL — and its durability on SQLite: commits at
// synchronous=NORMAL, a flusher syncing the write-ahead log, and no caller
// told "stored" before the flush that covers its commit.

#include "RelayBackends.h"

#include "relay/storage/EventBatch.h"
#include "relay/storage/EventLog.h"
#include "relay/storage/GroupCommitWriter.h"
#include "relay/storage/RelayDatabase.h"
#include "relay/storage/SecretBox.h"
#include "relay/storage/WalFlush.h"

#include <Poco/Data/Session.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <sys/stat.h>
#include <thread>

using namespace callsnare;
using namespace callsnare::relay;
using namespace Poco::Data::Keywords;
using namespace relay_backends;

class TestGroupCommit : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void eventSequencesStayGaplessUnderConcurrentWriters_data() { relay_backends::Backends::rows(); }
    void eventSequencesStayGaplessUnderConcurrentWriters();
    void batchedEventsAreNumberedTogetherAndGapless_data() { relay_backends::Backends::rows(); }
    void batchedEventsAreNumberedTogetherAndGapless();
    void concurrentUnitsShareCommitsAndFailAlone_data() { relay_backends::Backends::rows(); }
    void concurrentUnitsShareCommitsAndFailAlone();
    void stopDrainsTheQueue_data() { relay_backends::Backends::rows(); }
    void stopDrainsTheQueue();

    void answersComeOnceTheirCommitIsDurable();
    void awaitDurableCoversEveryEarlierCommit();
    void walFlushFollowsARecreatedLog();
    void walFlushOfAMissingLogSaysWhich();

private:
    std::unique_ptr<RelayDatabase> openSqlite(const QTemporaryDir& dir);

    relay_backends::Backends m_backends;
};

void TestGroupCommit::initTestCase()
{
    qunsetenv("CALLSNARE_RELAY_SECRETS_KEY");
    QString error;
    QVERIFY2(m_backends.start(&error), qPrintable(error));
}

void TestGroupCommit::cleanupTestCase()
{
    m_backends.stop();
}

void TestGroupCommit::eventSequencesStayGaplessUnderConcurrentWriters()
{
    OPEN_BACKEND(b);
    OrgDirectory directory(*b.database, *b.writer,
                           SecretBox::fromBase64Key(SecretBox::generateBase64Key()).value());
    const std::string a
        = createOrg(directory, "+15125550142", "AC0000000000000000000000000000000a", std::nullopt, "t");
    const std::string c
        = createOrg(directory, "+15125550143", "AC0000000000000000000000000000000c", std::nullopt, "t");

    // A second writer on its own connection stands in for a second replica.
    auto replica = GroupCommitWriter::start(*b.database);
    QVERIFY(replica.ok());
    std::vector<GroupCommitWriter*> writers{b.writer.get(), replica.value().get()};
    EventLog log(b.database->dialect());
    constexpr int kThreads = 8;
    constexpr int kPerThread = 25;
    std::atomic<int> failures{0};
    std::mutex firstErrorMutex;
    std::string firstError;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            GroupCommitWriter* writer = writers[static_cast<std::size_t>(t) % writers.size()];
            const std::string& org = t % 3 == 0 ? c : a;
            for (int i = 0; i < kPerThread; ++i) {
                auto seq = writer->compute<std::int64_t>([&](Poco::Data::Session& session) {
                    return log.append(session, org, "test.event", "{}", at(1767225600 + i));
                });
                if (!seq.ok() && failures++ == 0) {
                    std::lock_guard lock(firstErrorMutex);
                    firstError = seq.error().message;
                }
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    QVERIFY2(failures.load() == 0, firstError.c_str());

    Poco::Data::Session session = b.database->reader();
    std::size_t total = 0;
    for (const std::string& org : {a, c}) {
        auto events = log.read(session, org, 0, 10000);
        QVERIFY(events.ok());
        for (std::size_t i = 0; i < events.value().size(); ++i) {
            QCOMPARE(events.value()[i].seq, static_cast<std::int64_t>(i + 1)); // gapless, in order, unique
        }
        total += events.value().size();
    }
    QCOMPARE(total, std::size_t{kThreads * kPerThread});
}

// Units appending several events through one EventBatch (one counter bump
// per organization), beside units appending one at a time, on two writers:
// every org's numbers stay gapless, a unit's events for one org are
// consecutive and in the order added, and a unit that fails (a batch naming an
// unknown org) leaves no gap.
void TestGroupCommit::batchedEventsAreNumberedTogetherAndGapless()
{
    OPEN_BACKEND(b);
    OrgDirectory directory(*b.database, *b.writer,
                           SecretBox::fromBase64Key(SecretBox::generateBase64Key()).value());
    const std::string a
        = createOrg(directory, "+15125550142", "AC0000000000000000000000000000000a", std::nullopt, "t");
    const std::string c
        = createOrg(directory, "+15125550143", "AC0000000000000000000000000000000c", std::nullopt, "t");

    auto replica = GroupCommitWriter::start(*b.database);
    QVERIFY(replica.ok());
    std::vector<GroupCommitWriter*> writers{b.writer.get(), replica.value().get()};
    const SqlDialect dialect = b.database->dialect();
    constexpr int kThreads = 6;
    constexpr int kPerThread = 20;
    std::atomic<int> failures{0};
    std::atomic<int> refused{0};
    std::mutex firstErrorMutex;
    std::string firstError;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            GroupCommitWriter* writer = writers[static_cast<std::size_t>(t) % writers.size()];
            for (int i = 0; i < kPerThread; ++i) {
                const std::string unit = std::to_string(t) + "-" + std::to_string(i);
                const bool failing = i % 7 == 6;
                auto done = writer->run([&](Poco::Data::Session& session) -> domain::Result<void> {
                    if (t % 2 == 0) {
                        return EventLog(dialect)
                                   .append(session, a, "test.single", R"({"unit":")" + unit + R"(","n":0})",
                                           at(1767225600 + i))
                                   .ok()
                            ? domain::Result<void>()
                            : domain::makeError("append_failed", unit);
                    }
                    EventBatch batch(dialect);
                    const std::vector<std::string> orgs{a, a, c, a};
                    for (std::size_t n = 0; n < orgs.size(); ++n) {
                        batch.add(orgs[n], "test.batched",
                                  R"({"unit":")" + unit + R"(","n":)" + std::to_string(n) + "}",
                                  at(1767225600 + i));
                    }
                    if (failing) {
                        batch.add("no-such-org", "test.batched", "{}", at(1767225600 + i));
                    }
                    return batch.flush(session);
                });
                if (!done.ok()) {
                    if (failing && t % 2 == 1) {
                        ++refused;
                    } else if (failures++ == 0) {
                        std::lock_guard lock(firstErrorMutex);
                        firstError = done.error().message;
                    }
                }
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    QVERIFY2(failures.load() == 0, firstError.c_str());
    const int batchedUnits = (kThreads / 2) * kPerThread;
    const int failedUnits = (kThreads / 2) * (kPerThread / 7);
    QCOMPARE(refused.load(), failedUnits);

    Poco::Data::Session session = b.database->reader();
    const EventLog log(dialect);
    std::map<std::string, std::vector<std::pair<std::int64_t, int>>> byUnit; // org/unit -> (seq, n)
    std::size_t total = 0;
    for (const std::string& org : {a, c}) {
        auto events = log.read(session, org, 0, 10000);
        QVERIFY(events.ok());
        for (std::size_t i = 0; i < events.value().size(); ++i) {
            const StoredEvent& event = events.value()[i];
            QCOMPARE(event.seq, static_cast<std::int64_t>(i + 1)); // gapless, in order, unique
            const auto payload = QJsonDocument::fromJson(QByteArray::fromStdString(event.payload)).object();
            if (event.kind == "test.batched") {
                byUnit[org + "/" + payload.value("unit").toString().toStdString()].emplace_back(
                    event.seq, payload.value("n").toInt());
            }
        }
        total += events.value().size();
    }
    const int okBatches = batchedUnits - failedUnits;
    QCOMPARE(total, std::size_t((kThreads / 2) * kPerThread + okBatches * 4));
    QCOMPARE(byUnit.size(), std::size_t(okBatches * 2));
    for (const auto& [key, events] : byUnit) {
        for (std::size_t i = 1; i < events.size(); ++i) {
            QVERIFY2(events[i].first == events[i - 1].first + 1 && events[i].second > events[i - 1].second,
                     key.c_str()); // one unit's events for one org: consecutive, in the order added
        }
    }
}

void TestGroupCommit::concurrentUnitsShareCommitsAndFailAlone()
{
    OPEN_BACKEND(b);
    OrgDirectory directory(*b.database, *b.writer,
                           SecretBox::fromBase64Key(SecretBox::generateBase64Key()).value());
    const std::string org
        = createOrg(directory, "+15125550142", "AC0000000000000000000000000000000a", std::nullopt, "t");
    const std::string insert = b.database->sql(
        "INSERT INTO call_events (org_id, carrier, call_sid, from_number, to_number, status, occurred_at) "
        "VALUES (?, 'twilio', ?, '+15125550199', '+15125550142', 'no-answer', 0)");

    // Hold the writer inside one unit until all 200 are queued, so the batch
    // they form does not depend on thread timing.
    std::promise<void> started;
    std::promise<void> release;
    auto releaseSignal = release.get_future().share();
    auto blocker = b.writer->submit([&](Poco::Data::Session&) -> domain::Result<void> {
        started.set_value();
        releaseSignal.wait();
        return {};
    });
    started.get_future().wait();
    const std::uint64_t commitsBefore = b.writer->commitCount();

    constexpr int kUnits = 200;
    std::vector<std::optional<domain::Result<void>>> outcomes(kUnits);
    std::vector<std::thread> threads;
    for (int i = 0; i < kUnits; ++i) {
        threads.emplace_back([&, i] {
            outcomes[static_cast<std::size_t>(i)]
                = b.writer->run([&, i](Poco::Data::Session& session) -> domain::Result<void> {
                      std::string orgId = org;
                      std::string sid = "CA-batch-" + std::to_string(i);
                      session << insert, use(orgId), use(sid), now;
                      if (i % 10 == 3) {
                          return domain::makeError("refused", "unit " + std::to_string(i) + " refuses");
                      }
                      if (i % 10 == 7) {
                          throw std::runtime_error("unit " + std::to_string(i) + " throws");
                      }
                      return {};
                  });
        });
    }
    QTRY_COMPARE(b.writer->queueDepth(), std::size_t{kUnits});
    release.set_value();
    QVERIFY(blocker.get().ok());
    for (std::thread& thread : threads) {
        thread.join();
    }

    for (int i = 0; i < kUnits; ++i) {
        const auto& outcome = outcomes[static_cast<std::size_t>(i)];
        QVERIFY(outcome.has_value());
        const bool shouldFail = i % 10 == 3 || i % 10 == 7;
        QVERIFY2(outcome->ok() != shouldFail, qPrintable(QStringLiteral("unit %1").arg(i)));
    }
    QCOMPARE(q(outcomes[7]->error().code), QStringLiteral("storage_error"));
    QCOMPARE(q(outcomes[3]->error().code), QStringLiteral("refused"));
    QCOMPARE(countRows(*b.database, "SELECT COUNT(*) FROM call_events WHERE org_id = ?", org),
             Poco::Int64{160});
    QCOMPARE(countRows(*b.database, "SELECT COUNT(*) FROM call_events WHERE call_sid = ?", "CA-batch-13"),
             Poco::Int64{0});
    QCOMPARE(countRows(*b.database, "SELECT COUNT(*) FROM call_events WHERE call_sid = ?", "CA-batch-12"),
             Poco::Int64{1});

    // The blocker's transaction plus one for all 200 queued units.
    const std::uint64_t commits = b.writer->commitCount() - commitsBefore;
    QVERIFY2(commits <= 2, qPrintable(QStringLiteral("%1 commits for %2 units").arg(commits).arg(kUnits)));
}

void TestGroupCommit::stopDrainsTheQueue()
{
    OPEN_BACKEND(b);
    OrgDirectory directory(*b.database, *b.writer,
                           SecretBox::fromBase64Key(SecretBox::generateBase64Key()).value());
    const std::string org
        = createOrg(directory, "+15125550142", "AC0000000000000000000000000000000a", std::nullopt, "t");
    EventLog log(b.database->dialect());
    std::vector<std::future<domain::Result<void>>> pending;
    for (int i = 0; i < 50; ++i) {
        pending.push_back(b.writer->submit([&](Poco::Data::Session& session) -> domain::Result<void> {
            auto seq = log.append(session, org, "test.event", "{}", at(0));
            if (!seq) {
                return seq.error();
            }
            return {};
        }));
    }
    b.writer->stop();
    for (auto& future : pending) {
        QVERIFY(future.get().ok());
    }
    auto late = b.writer->run([](Poco::Data::Session&) -> domain::Result<void> { return {}; });
    QVERIFY(!late.ok());
    QCOMPARE(q(late.error().code), QStringLiteral("shutting_down"));
    Poco::Data::Session session = b.database->reader();
    QCOMPARE(log.lastSeq(session, org).value(), std::int64_t{50});
}

std::unique_ptr<RelayDatabase> TestGroupCommit::openSqlite(const QTemporaryDir& dir)
{
    DatabaseOptions options;
    options.dataDir = dir.path().toStdString();
    auto opened = RelayDatabase::open(options);
    if (!opened) {
        qWarning("open: %s", opened.error().message.c_str());
        return nullptr;
    }
    return std::move(opened).value();
}

void TestGroupCommit::answersComeOnceTheirCommitIsDurable()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto database = openSqlite(dir);
    QVERIFY(database);
    auto started = GroupCommitWriter::start(*database);
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().message.c_str());
    GroupCommitWriter& writer = *started.value();

    // Inside a unit the writer is in the transaction its next commit ends:
    // that commit's number is known there, and the answer must come only
    // once a flush covered it.
    constexpr int kCallers = 16;
    constexpr int kUnitsEach = 40;
    std::atomic<int> early{0};
    std::vector<std::thread> callers;
    for (int c = 0; c < kCallers; ++c) {
        callers.emplace_back([&] {
            for (int i = 0; i < kUnitsEach; ++i) {
                std::uint64_t commit = 0;
                auto outcome = writer.run([&](Poco::Data::Session& session) -> domain::Result<void> {
                    commit = writer.commitCount() + 1;
                    session << "SELECT 1", now;
                    return {};
                });
                if (!outcome || writer.durableCommitCount() < commit) {
                    ++early;
                }
            }
        });
    }
    for (auto& caller : callers) {
        caller.join();
    }
    QCOMPARE(early.load(), 0);
    QCOMPARE(writer.unitCount(), std::uint64_t{kCallers * kUnitsEach});
    QVERIFY(writer.flushSeconds() > 0);
}

void TestGroupCommit::awaitDurableCoversEveryEarlierCommit()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto database = openSqlite(dir);
    QVERIFY(database);
    auto started = GroupCommitWriter::start(*database);
    QVERIFY(started.ok());
    GroupCommitWriter& writer = *started.value();
    QVERIFY(writer
                .run([](Poco::Data::Session& session) -> domain::Result<void> {
                    session << "CREATE TABLE t (n INTEGER)", now;
                    return {};
                })
                .ok());

    // A unit whose caller never waits: only awaitDurable() says when its
    // commit may be told to anyone.
    auto pending = writer.submit([](Poco::Data::Session& session) -> domain::Result<void> {
        session << "INSERT INTO t VALUES (1)", now;
        return {};
    });
    QTRY_VERIFY(writer.commitCount() >= 2);
    const std::uint64_t committed = writer.commitCount();
    writer.awaitDurable();
    QVERIFY(writer.durableCommitCount() >= committed);
    QVERIFY(pending.get().ok());

    writer.stop();
    writer.awaitDurable(); // returns after stop, with nothing left to flush
    QCOMPARE(writer.durableCommitCount(), writer.commitCount());
}

void TestGroupCommit::walFlushFollowsARecreatedLog()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString base = dir.filePath(QStringLiteral("relay.db"));
    const QString log = base + QStringLiteral("-wal");
    QFile first(log);
    QVERIFY(first.open(QIODevice::WriteOnly));
    first.write("frames");
    first.close();

    WalFlush flush(base.toStdString());
    QVERIFY(flush.flush().ok());

    struct stat before { };
    QCOMPARE(::stat(log.toLocal8Bit().constData(), &before), 0);
    // SQLite removes the log when its last connection closes and makes a new
    // one on the next open; the flush must sync the new file, not the old.
    QVERIFY(QFile::rename(log, base + QStringLiteral("-old")));
    QFile second(log);
    QVERIFY(second.open(QIODevice::WriteOnly));
    second.write("more frames");
    second.close();
    struct stat after { };
    QCOMPARE(::stat(log.toLocal8Bit().constData(), &after), 0);
    QVERIFY(after.st_ino != before.st_ino);
    QVERIFY(flush.flush().ok());
}

void TestGroupCommit::walFlushOfAMissingLogSaysWhich()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string base = dir.filePath(QStringLiteral("relay.db")).toStdString();
    WalFlush flush(base);
    const auto flushed = flush.flush();
    QVERIFY(!flushed.ok());
    QCOMPARE(QString::fromStdString(flushed.error().code), QStringLiteral("storage_error"));
    QVERIFY2(flushed.error().message.find(base + "-wal") != std::string::npos,
             flushed.error().message.c_str());
}

QTEST_GUILESS_MAIN(TestGroupCommit)
#include "tst_groupcommit.moc"
