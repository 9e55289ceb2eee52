#include "relay/storage/GroupCommitWriter.h"

#include <chrono>
#include <thread>

#include "relay/storage/RelayDatabase.h"
#include "relay/storage/WalFlush.h"

#include <Poco/Data/Session.h>
#include <Poco/Exception.h>

#include <algorithm>
#include <exception>
#include <string>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <vector>

using namespace Poco::Data::Keywords;

namespace callsnare::relay {

namespace {

std::uint64_t nanosSince(std::chrono::steady_clock::time_point start)
{
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
            .count());
}

std::uint64_t threadCpuNanos()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<std::uint64_t>(now.tv_sec) * 1000000000u + static_cast<std::uint64_t>(now.tv_nsec);
}

domain::Error storageError(const std::string& what)
{
    return domain::makeError("storage_error", "The database refused the write: " + what);
}

// PostgreSQL aborts one of two transactions that wait on each other's rows
// (40P01) or conflict under serializable isolation (40001). Two replicas whose
// batches touch the same orgs in different orders do that; the remedy is to
// run the batch again once the other side committed.
bool isRetryable(const std::string& what)
{
    return what.find("40P01") != std::string::npos || what.find("40001") != std::string::npos
        || what.find("deadlock detected") != std::string::npos;
}

// Runs a unit and turns every exception into an error: nothing a unit throws
// may escape into the writer thread.
domain::Result<void> runGuarded(const WriteUnit& work, Poco::Data::Session& session, bool& retryable)
{
    retryable = false;
    try {
        domain::Result<void> outcome = work(session);
        // Units that wrap database errors into results keep the SQLSTATE text.
        retryable = !outcome.ok() && isRetryable(outcome.error().message);
        return outcome;
    } catch (const Poco::Exception& e) {
        retryable = isRetryable(e.displayText());
        return storageError(e.displayText());
    } catch (const std::exception& e) {
        return storageError(e.what());
    } catch (...) {
        return storageError("unknown exception");
    }
}

} // namespace

GroupCommitWriter::GroupCommitWriter(RelayDatabase& database, GroupCommitOptions options)
    : m_database(database), m_options(options)
{
    if (m_options.maxBatch == 0) {
        m_options.maxBatch = 1;
    }
}

domain::Result<std::unique_ptr<GroupCommitWriter>> GroupCommitWriter::start(RelayDatabase& database,
                                                                            GroupCommitOptions options)
{
    std::unique_ptr<GroupCommitWriter> writer(new GroupCommitWriter(database, options));
    writer->m_walFlush = database.walFlush();
    try {
        writer->m_session = std::make_unique<Poco::Data::Session>(database.openWriter(writer->commitSync()));
        writer->m_statements.attach(*writer->m_session);
        if (writer->m_walFlush) {
            writer->m_checkpointSession
                = std::make_unique<Poco::Data::Session>(database.openWriter(writer->commitSync()));
        }
    } catch (const Poco::Exception& e) {
        return domain::makeError("database_unavailable", "Cannot open the write session: " + e.displayText());
    }
    writer->m_thread = std::thread([raw = writer.get()] { raw->loop(); });
    if (writer->m_walFlush) {
        writer->m_flusher = std::thread([raw = writer.get()] { raw->flusherLoop(); });
        writer->m_checkpointer = std::thread([raw = writer.get()] { raw->checkpointerLoop(); });
    }
    return writer;
}

GroupCommitWriter::~GroupCommitWriter()
{
    stop();
}

std::future<domain::Result<void>> GroupCommitWriter::submit(WriteUnit unit)
{
    Pending pending{std::move(unit), {}};
    auto future = pending.done.get_future();
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            pending.done.set_value(domain::makeError("shutting_down", "The relay is shutting down."));
            return future;
        }
        m_queue.push_back(std::move(pending));
    }
    m_wake.notify_one();
    return future;
}

void GroupCommitWriter::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable()) {
        m_thread.join();
    }
    // The writer has handed over its last batch: flush it, then stop.
    {
        std::lock_guard lock(m_flushMutex);
        m_flusherStopping = true;
    }
    m_flushWake.notify_one();
    m_checkpointWake.notify_one();
    if (m_flusher.joinable()) {
        m_flusher.join();
    }
    if (m_checkpointer.joinable()) {
        m_checkpointer.join();
    }
}

void GroupCommitWriter::checkpointerLoop()
{
    // Often enough that the log stays a few megabytes; a checkpoint's cost
    // is the distinct pages changed since the last one.
    constexpr auto kCheckpointInterval = std::chrono::milliseconds(250);
    std::uint64_t checkpointedAt = m_commits.load();
    for (;;) {
        {
            std::unique_lock lock(m_flushMutex);
            if (m_checkpointWake.wait_for(lock, kCheckpointInterval, [this] { return m_flusherStopping; })) {
                return; // SQLite checkpoints the rest when the last connection closes
            }
        }
        const std::uint64_t commits = m_commits.load();
        if (commits == checkpointedAt) {
            continue;
        }
        checkpointedAt = commits;
        try {
            int busy = 0;
            int logFrames = 0;
            int copied = 0;
            *m_checkpointSession << "PRAGMA wal_checkpoint(PASSIVE)", into(busy), into(logFrames),
                into(copied), now;
        } catch (const Poco::Exception&) {
            // A checkpoint that could not run now runs at the next interval;
            // until then the log only grows.
        }
    }
}

std::uint64_t GroupCommitWriter::durableCommitCount()
{
    if (!m_walFlush) {
        return m_commits.load();
    }
    std::lock_guard lock(m_flushMutex);
    return m_durableCommits;
}

void GroupCommitWriter::awaitDurable()
{
    if (!m_walFlush) {
        return;
    }
    const std::uint64_t committed = m_commits.load();
    std::unique_lock lock(m_flushMutex);
    m_durableWake.wait(
        lock, [&] { return m_durableCommits >= committed || (m_flusherStopping && m_unflushed.empty()); });
}

void GroupCommitWriter::deliver(std::vector<Answer> answers)
{
    if (m_walFlush) {
        {
            std::lock_guard lock(m_flushMutex);
            for (auto& answer : answers) {
                m_unflushed.push_back(std::move(answer));
            }
        }
        m_flushWake.notify_one();
        return;
    }
    for (auto& answer : answers) {
        answer.done.set_value(std::move(answer.outcome));
    }
    if (m_options.afterCommit) {
        m_options.afterCommit();
    }
}

void GroupCommitWriter::flusherLoop()
{
    for (;;) {
        std::vector<Answer> answers;
        std::uint64_t covered = 0;
        {
            std::unique_lock lock(m_flushMutex);
            m_flushWake.wait(lock, [this] { return m_flusherStopping || !m_unflushed.empty(); });
            if (m_unflushed.empty()) {
                return; // stopping, and every commit has been flushed
            }
            answers.swap(m_unflushed);
            // Every commit counted so far is in the log already, handed over
            // or not: this flush covers it.
            covered = m_commits.load();
        }
        const auto flushing = std::chrono::steady_clock::now();
        const domain::Result<void> flushed = m_walFlush->flush();
        m_flushNanos += nanosSince(flushing);
        if (!flushed) {
            // The commits are in the log but may not survive a power loss:
            // no caller may hear they are stored. A carrier's retry then
            // finds its facts there and is answered as a retry.
            for (auto& answer : answers) {
                if (answer.outcome) {
                    answer.outcome = domain::Result<void>(flushed.error());
                }
            }
        }
        {
            std::lock_guard lock(m_flushMutex);
            m_durableCommits = std::max(m_durableCommits, covered);
        }
        m_durableWake.notify_all();
        for (auto& answer : answers) {
            answer.done.set_value(std::move(answer.outcome));
        }
        if (m_options.afterCommit) {
            m_options.afterCommit();
        }
    }
}

std::size_t GroupCommitWriter::queueDepth() const
{
    std::lock_guard lock(m_mutex);
    return m_queue.size();
}

void GroupCommitWriter::loop()
{
    // Every request waits for this one thread; under load it competes with
    // dozens of request and sender threads for the cores. Ask for a higher
    // scheduling priority (granted with CAP_SYS_NICE or a RLIMIT_NICE; without
    // them nothing changes).
    static_cast<void>(setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), -10));
    StatementCache::setCurrent(&m_statements);
    for (;;) {
        std::deque<Pending> batch;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty()) {
                return; // stopping, and everything queued has been written
            }
            while (!m_queue.empty() && batch.size() < m_options.maxBatch) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        const auto started = std::chrono::steady_clock::now();
        runBatch(batch);
        m_busyNanos += nanosSince(started);
        m_cpuNanos = threadCpuNanos();
    }
}

bool GroupCommitWriter::ensureSession(std::string* why)
{
    if (m_session && m_session->isConnected()) {
        return true;
    }
    m_statements.clear();
    try {
        m_session = std::make_unique<Poco::Data::Session>(m_database.openWriter(commitSync()));
        m_statements.attach(*m_session);
        return true;
    } catch (const Poco::Exception& e) {
        m_session.reset();
        *why = e.displayText();
        return false;
    }
}

void GroupCommitWriter::runBatch(std::deque<Pending>& batch)
{
    constexpr int kAttempts = 5;
    std::vector<Answer> answers;
    answers.reserve(batch.size());
    std::size_t answered = 0;
    const auto answer = [&](std::vector<domain::Result<void>>& outcomes) {
        for (auto& outcome : outcomes) {
            answers.push_back({std::move(batch[answered++].done), std::move(outcome)});
        }
        outcomes.clear();
    };
    const auto answerUnavailable = [&](const std::string& why) {
        while (answered < batch.size()) {
            answers.push_back(
                {std::move(batch[answered++].done),
                 domain::makeError("database_unavailable", "The database is unavailable: " + why)});
        }
    };

    std::vector<domain::Result<void>> outcomes;
    std::string why;
    Attempt first = Attempt::Rerun;
    if (!ensureSession(&why)) {
        answerUnavailable(why);
        first = Attempt::Done;
    } else {
        // Units almost never fail: run them without a SAVEPOINT each, and
        // only when one does, roll everything back and run the batch again
        // with one (a unit's undo pages cost a copy into the sub-journal).
        first = attemptBatch(batch, 0, batch.size(), outcomes, true, false);
        if (first == Attempt::NeedsSavepoints) {
            if (ensureSession(&why)) {
                first = attemptBatch(batch, 0, batch.size(), outcomes, true, true);
            } else {
                answerUnavailable(why);
                first = Attempt::Done;
            }
        }
        if (first == Attempt::Done) {
            answer(outcomes);
        }
    }
    if (first == Attempt::Rerun) {
        // A deadlock with another writer (a second replica): the units of one
        // batch may take several organizations' rows in an order the other
        // side does not share. Run each unit in a transaction of its own,
        // which holds one organization's locks at a time, retrying with a
        // growing pause while the other side finishes.
        for (std::size_t i = 0; i < batch.size() && answered == i; ++i) {
            for (int attempt = 1; attempt <= kAttempts; ++attempt) {
                if (!ensureSession(&why)) {
                    answerUnavailable(why);
                    break;
                }
                if (attemptBatch(batch, i, 1, outcomes, attempt < kAttempts, true) == Attempt::Done) {
                    answer(outcomes);
                    break;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt));
            }
        }
    }
    m_units += batch.size();
    deliver(std::move(answers));
}

GroupCommitWriter::Attempt GroupCommitWriter::attemptBatch(std::deque<Pending>& batch, std::size_t first,
                                                           std::size_t count,
                                                           std::vector<domain::Result<void>>& outcomes,
                                                           bool mayRetry, bool savepoints)
{
    Poco::Data::Session& session = *m_session;
    const bool sqlite = m_database.dialect() == SqlDialect::Sqlite;
    outcomes.clear();
    outcomes.reserve(count);
    auto rollback = [&] {
        m_statements.forgetReads();
        try {
            if (sqlite) {
                session << "ROLLBACK", now;
            } else {
                session.rollback();
            }
        } catch (const Poco::Exception&) {
            m_statements.clear();
            m_session.reset(); // reopened for the next batch
        }
    };

    // What units kept from an earlier transaction may have changed since
    // (an admin command from another process, another replica).
    m_statements.forgetReads();
    try {
        if (sqlite) {
            // IMMEDIATE takes the write lock now, so another process (the admin
            // CLI) makes us wait in BEGIN rather than fail at COMMIT.
            executeCached(session, "BEGIN IMMEDIATE");
        } else {
            session.begin();
        }
        for (std::size_t i = first; i < first + count; ++i) {
            Pending& pending = batch[i];
            if (savepoints) {
                executeCached(session, "SAVEPOINT unit");
            }
            bool retryable = false;
            domain::Result<void> outcome = runGuarded(pending.work, session, retryable);
            if (retryable && mayRetry) {
                rollback(); // releases every lock, so the other side can finish
                return Attempt::Rerun;
            }
            if (!outcome && !savepoints) {
                // Its writes so far are in the transaction: undo them all.
                rollback();
                outcomes.clear();
                return Attempt::NeedsSavepoints;
            }
            if (savepoints) {
                if (!outcome) {
                    executeCached(session, "ROLLBACK TO SAVEPOINT unit");
                    m_statements.forgetReads();
                }
                executeCached(session, "RELEASE SAVEPOINT unit");
            }
            outcomes.push_back(std::move(outcome));
        }
        const auto committing = std::chrono::steady_clock::now();
        if (sqlite) {
            executeCached(session, "COMMIT");
        } else {
            session.commit();
        }
        m_commitNanos += nanosSince(committing);
        ++m_commits;
        return Attempt::Done;
    } catch (const Poco::Exception& e) {
        // The transaction itself failed (lost connection, disk full, lock
        // timeout): nothing of this batch is stored, every unit hears why.
        rollback();
        if (mayRetry && isRetryable(e.displayText())) {
            return Attempt::Rerun;
        }
        const domain::Error failure = storageError(e.displayText());
        outcomes.assign(count, domain::Result<void>(failure));
        return Attempt::Done;
    }
}

} // namespace callsnare::relay
