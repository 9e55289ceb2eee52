// The writer's durability on SQLite: commits at synchronous=NORMAL, a flusher
// syncing the write-ahead log, and no caller told "stored" before the flush
// that covers its commit.

#include "relay/storage/GroupCommitWriter.h"
#include "relay/storage/RelayDatabase.h"
#include "relay/storage/WalFlush.h"

#include <Poco/Data/Session.h>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <thread>

using namespace callsnare;
using namespace callsnare::relay;
using namespace Poco::Data::Keywords;

class TestGroupCommit : public QObject {
    Q_OBJECT

private slots:
    void answersComeOnceTheirCommitIsDurable();
    void awaitDurableCoversEveryEarlierCommit();
    void walFlushFollowsARecreatedLog();
    void walFlushOfAMissingLogSaysWhich();

private:
    std::unique_ptr<RelayDatabase> openSqlite(const QTemporaryDir& dir);
};

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
