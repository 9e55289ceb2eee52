#pragma once

#include "domain/Result.h"
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

class RelayDatabase;

// One unit of work: statements run on the writer's session inside the shared
// transaction. It must not begin, commit or roll back itself. An error result
// (or an exception) rolls back this unit alone.
using WriteUnit = std::function<domain::Result<void>(Poco::Data::Session&)>;

struct GroupCommitOptions {
    // The most units one transaction carries.
    std::size_t maxBatch = 512;
    // Called on the writer thread after every committed transaction (sync's
    // long-polls wait for it); must be quick and must not submit units.
    std::function<void()> afterCommit;
};

// Group commit: one thread owns the write session; request threads submit
// units and wait on a future. The writer takes everything queued (up to
// maxBatch), runs BEGIN, the units, one COMMIT (durable: synchronous=FULL on
// SQLite, a normal commit on PostgreSQL), then fulfils the futures — so
// concurrent requests share one fsync, and a unit's caller hears "done" only
// after its writes are on disk. When a unit fails, the batch is rolled back
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
    // Units waiting for the writer (not counting the batch in progress).
    std::size_t queueDepth() const;

private:
    struct Pending {
        WriteUnit work;
        std::promise<domain::Result<void>> done;
    };

    GroupCommitWriter(RelayDatabase& database, GroupCommitOptions options);
    void loop();
    void runBatch(std::deque<Pending>& batch);
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

    std::atomic<std::uint64_t> m_commits{0};
    std::atomic<std::uint64_t> m_units{0};
    std::thread m_thread;
};

} // namespace callsnare::relay
