#pragma once

#include "domain/Result.h"
#include "relay/storage/RelayDatabase.h"
#include "relay/storage/StatementCache.h"

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

namespace Poco::Data {
class Session;
}

namespace callsnare::relay {

class WalFlush;

// One unit of work: statements run on the writer's session inside the shared
// transaction. It must not begin, commit or roll back itself. An error result
// (or an exception) rolls back this unit alone.
using WriteUnit = std::function<domain::Result<void>(Poco::Data::Session&)>;

struct GroupCommitOptions {
    // The most units one transaction carries.
    std::size_t maxBatch = 512;
    // Called after every committed transaction is durable (sync's
    // long-polls wait for it), on the writer's or the flusher's thread; must
    // be quick and must not submit units.
    std::function<void()> afterCommit;
};

// Group commit: one thread owns the write session; request threads submit
// units and wait on a future. The writer takes everything queued (up to
// maxBatch), runs BEGIN, the units, one COMMIT, and the futures are fulfilled
// once that commit is durable — so concurrent requests share one fsync, and a
// unit's caller hears "done" only after its writes are on disk.
//
// On PostgreSQL the commit itself is durable. On SQLite the writer commits at
// synchronous=NORMAL and hands the batch to a flusher thread, which syncs the
// write-ahead log (WalFlush) for every commit made since its last flush and
// then answers; meanwhile the writer runs the next batch, and a third thread
// checkpoints the log into the database file. Other connections
// may therefore read a commit before it is durable: whatever sends what it
// read out of the relay waits for awaitDurable() first. (Units are answered
// after the flush, and the sender claims its jobs through a unit, so only
// readers outside the writer need it.)
//
// When a unit fails, the batch is rolled back
// and run again with each unit inside its own SAVEPOINT, so the failing unit
// alone is undone; units must therefore be safe to run again after a
// rollback (they are pure database work).
class GroupCommitWriter {
public:
    static domain::Result<std::unique_ptr<GroupCommitWriter>> start(RelayDatabase& database,
                                                                    GroupCommitOptions options = {});
    ~GroupCommitWriter();

    GroupCommitWriter(const GroupCommitWriter&) = delete;
    GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

    // Queues a unit; the future is ready once its transaction committed (ok)
    // or the unit failed (its error). After stop(), fails at once.
    std::future<domain::Result<void>> submit(WriteUnit unit);

    // submit() and wait.
    domain::Result<void> run(WriteUnit unit) { return submit(std::move(unit)).get(); }

    // A unit that computes a value (a new id, a sequence number): the value is
    // handed back only when the transaction that wrote it committed.
    template <typename T>
    domain::Result<T> compute(std::function<domain::Result<T>(Poco::Data::Session&)> work)
    {
        std::optional<T> value;
        auto outcome = run([&](Poco::Data::Session& session) -> domain::Result<void> {
            domain::Result<T> result = work(session);
            if (!result) {
                return result.error();
            }
            value.emplace(std::move(result).value());
            return {};
        });
        if (!outcome) {
            return outcome.error();
        }
        return std::move(*value);
    }

    // Refuses new units, finishes every queued one, stops the thread.
    void stop();

    // Transactions committed and units completed (ok or failed) so far.
    std::uint64_t commitCount() const { return m_commits.load(); }
    std::uint64_t unitCount() const { return m_units.load(); }
    // Of those commits, how many are known durable (all, on PostgreSQL).
    std::uint64_t durableCommitCount();
    // Seconds the writer thread spent on batches (units and commits), and on
    // the commits alone: busy time near wall time means the one writer is the
    // limit; commit time is mostly the durable flush.
    double busySeconds() const { return static_cast<double>(m_busyNanos.load()) * 1e-9; }
    double commitSeconds() const { return static_cast<double>(m_commitNanos.load()) * 1e-9; }
    // Seconds the flusher spent making commits durable (SQLite; else 0).
    double flushSeconds() const { return static_cast<double>(m_flushNanos.load()) * 1e-9; }
    // CPU time of the writer thread: unlike busy time, not inflated when
    // other processes take the cores.
    double cpuSeconds() const { return static_cast<double>(m_cpuNanos.load()) * 1e-9; }
    // Units waiting for the writer (not counting the batch in progress).
    std::size_t queueDepth() const;

    // Returns once every transaction committed before the call is durable
    // (at once on PostgreSQL): call it after reading and before answering
    // with what was read.
    void awaitDurable();

private:
    struct Pending {
        WriteUnit work;
        std::promise<domain::Result<void>> done;
    };
    // A unit's outcome, told to its caller once its commit is durable.
    struct Answer {
        std::promise<domain::Result<void>> done;
        domain::Result<void> outcome;
    };

    GroupCommitWriter(RelayDatabase& database, GroupCommitOptions options);
    void loop();
    void runBatch(std::deque<Pending>& batch);
    // Fulfils the answers now (durable commits) or hands them to the flusher.
    void deliver(std::vector<Answer> answers);
    void flusherLoop();
    // With a WAL flush: copies committed pages back into the database file
    // (PASSIVE checkpoints, which never block the writer) every
    // kCheckpointInterval while commits happen.
    void checkpointerLoop();
    enum class Attempt {
        Done, // committed, or failed as a whole: `outcomes` holds every unit's result
        Rerun, // a deadlock with another writer (and `mayRetry`): rolled back
        NeedsSavepoints, // a unit failed without savepoints: rolled back
    };
    // Runs batch[first, first + count) in one transaction, each unit in a
    // SAVEPOINT of its own when `savepoints`.
    Attempt attemptBatch(std::deque<Pending>& batch, std::size_t first, std::size_t count,
                         std::vector<domain::Result<void>>& outcomes, bool mayRetry, bool savepoints);
    bool ensureSession(std::string* why);
    RelayDatabase::CommitSync commitSync() const
    {
        return m_walFlush ? RelayDatabase::CommitSync::ByWalFlush : RelayDatabase::CommitSync::AtCommit;
    }

    RelayDatabase& m_database;
    GroupCommitOptions m_options;
    std::unique_ptr<Poco::Data::Session> m_session;
    // Statements the units run again and again, kept prepared on m_session
    // (declared after it: they are finalized before it closes).
    StatementCache m_statements;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Pending> m_queue;
    bool m_stopping = false;

    // With a WAL flush (SQLite): batches committed but not yet durable, and
    // the commit count the last flush covered.
    std::unique_ptr<WalFlush> m_walFlush;
    std::mutex m_flushMutex;
    std::condition_variable m_flushWake;
    std::condition_variable m_durableWake;
    std::vector<Answer> m_unflushed;
    std::uint64_t m_durableCommits = 0;
    bool m_flusherStopping = false;
    std::thread m_flusher;
    std::unique_ptr<Poco::Data::Session> m_checkpointSession;
    std::condition_variable m_checkpointWake;
    std::thread m_checkpointer;

    std::atomic<std::uint64_t> m_commits{0};
    std::atomic<std::uint64_t> m_units{0};
    std::atomic<std::uint64_t> m_busyNanos{0};
    std::atomic<std::uint64_t> m_commitNanos{0};
    std::atomic<std::uint64_t> m_cpuNanos{0};
    std::atomic<std::uint64_t> m_flushNanos{0};
    std::thread m_thread;
};

} // namespace callsnare::relay
