#pragma once

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <sqlite3.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace callsnare::relay {

// A statement that returns no rows worth reading.
struct NoRows { };

// A SQLite statement kept compiled on the session's connection. Poco::Data's
// SQLite connector (1.11) compiles a statement again at every execution, even
// a kept one, so the writer's hot statements use the connection Poco opened
// directly; they stay parameterized.
class SqliteStatement {
public:
    SqliteStatement(Poco::Data::Session& session, const std::string& sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    // Clears the previous run's state; then bind() from index 1 and run().
    void reset();
    void bind(int index, const std::string& value);
    void bind(int index, Poco::Int64 value);
    void bind(int index, int value);
    void bind(int index, const Poco::Nullable<Poco::Int64>& value);
    void bind(int index, const Poco::Nullable<int>& value);
    void bind(int index, const Poco::Nullable<std::string>& value);
    // Steps to the end, handing each row to `onRow`; returns the rows a
    // query produced, or the rows a write changed. Throws Poco::Data::DataException.
    std::size_t run(const std::function<void(const SqliteStatement&)>& onRow);
    void column(int index, Poco::Int64& value) const;
    void column(int index, int& value) const;
    void column(int index, std::string& value) const;
    void column(int index, Poco::Nullable<Poco::Int64>& value) const;
    void column(int index, Poco::Nullable<int>& value) const;
    void column(int index, Poco::Nullable<std::string>& value) const;

private:
    void check(int rc, int index) const;

    Poco::Data::Session m_session; // keeps the connection open while the statement lives
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_statement = nullptr;
    std::string m_sql;
};

// One parameterized statement, prepared once and executed again with new
// values. Poco::Data prepares a statement each time one is built: on SQLite a
// parse and plan, on PostgreSQL a PQprepare + PQdescribePrepared round trip
// before the execution and a DEALLOCATE round trip after it. A kept statement
// pays that once: on PostgreSQL a Poco::Data statement bound to this object's
// members (Poco reuses the server-side prepared statement), on SQLite a
// SqliteStatement.
// A query's row: one value (the first column) or a std::tuple of the first
// columns in order.
template <typename Row> struct RowColumns {
    static constexpr bool tuple = false;
    using Vectors = std::tuple<std::vector<Row>>;
};
template <typename... Columns> struct RowColumns<std::tuple<Columns...>> {
    static constexpr bool tuple = true;
    using Vectors = std::tuple<std::vector<Columns>...>;
};

class CachedStatementBase {
public:
    virtual ~CachedStatementBase() = default;
    // After an exception the statement's state is unknown: it is not reused.
    bool broken() const { return m_broken; }

protected:
    bool m_broken = false;
};

template <typename Row, typename... Params> class CachedStatement final : public CachedStatementBase {
public:
    CachedStatement(Poco::Data::Session& session, const std::string& sql)
    {
        if (session.connector() == "sqlite") {
            m_sqlite = std::make_unique<SqliteStatement>(session, sql);
            return;
        }
        using namespace Poco::Data::Keywords;
        m_statement.emplace(session);
        *m_statement << sql;
        std::apply([this](auto&... value) { ((*m_statement, use(value)), ...); }, m_params);
        if constexpr (RowColumns<Row>::tuple) {
            std::apply([this](auto&... column) { ((*m_statement, into(column)), ...); }, m_columns);
        } else if constexpr (!std::is_same_v<Row, NoRows>) {
            *m_statement, into(m_rows);
        }
    }

    // Runs with these values; rows() holds the first column of each row.
    // Returns the rows a write changed (or a query returned).
    std::size_t execute(const Params&... params)
    {
        m_rows.clear();
        try {
            if (m_sqlite) {
                m_sqlite->reset();
                int index = 0;
                (m_sqlite->bind(++index, params), ...);
                return m_sqlite->run([this](const SqliteStatement& statement) {
                    if constexpr (RowColumns<Row>::tuple) {
                        Row value{};
                        std::apply(
                            [&statement](auto&... column) {
                                int position = 0;
                                (statement.column(position++, column), ...);
                            },
                            value);
                        m_rows.push_back(std::move(value));
                    } else if constexpr (!std::is_same_v<Row, NoRows>) {
                        Row value{};
                        statement.column(0, value);
                        m_rows.push_back(std::move(value));
                    }
                });
            }
            m_params = std::tuple<Params...>(params...);
            if constexpr (RowColumns<Row>::tuple) {
                std::apply([](auto&... column) { (column.clear(), ...); }, m_columns);
            }
            const std::size_t count = m_statement->execute();
            m_ranBefore = true;
            if constexpr (RowColumns<Row>::tuple) {
                zipColumns(std::make_index_sequence<std::tuple_size_v<Row>>{});
            }
            return count;
        } catch (...) {
            m_broken = true;
            if (m_statement && m_ranBefore) {
                abandon();
            }
            throw;
        }
    }

    const std::vector<Row>& rows() const { return m_rows; }

private:
    // PostgreSQL fills one vector per column; rows() hands them out as tuples.
    template <std::size_t... Index> void zipColumns(std::index_sequence<Index...>)
    {
        const std::size_t count = std::get<0>(m_columns).size();
        m_rows.reserve(count);
        for (std::size_t row = 0; row < count; ++row) {
            m_rows.emplace_back(std::move(std::get<Index>(m_columns)[row])...);
        }
    }

    // Poco 1.11's PostgreSQL StatementExecutor frees its previous result at the
    // start of an execution without forgetting it; when that execution throws,
    // destroying (or running) the statement frees the result a second time.
    // A kept statement that failed is therefore never touched again: a copy
    // on the heap holds its implementation forever (rare: deadlocks and
    // storage errors only). It never runs again, so its bindings to this
    // object's members are never read.
    void abandon()
    {
        static_cast<void>(new Poco::Data::Statement(*m_statement));
        m_statement.reset();
    }

    // Bound by reference: declared before the statement, destroyed after it.
    std::tuple<Params...> m_params;
    std::vector<Row> m_rows;
    // PostgreSQL only, for tuple rows: the columns Poco extracts into.
    typename RowColumns<Row>::Vectors m_columns;
    std::optional<Poco::Data::Statement> m_statement;
    std::unique_ptr<SqliteStatement> m_sqlite;
    bool m_ranBefore = false;
};

// The writer thread's kept statements, for one session at a time (see
// GroupCommitWriter). forSession() finds the cache of the calling thread when
// it belongs to `session`; code that runs elsewhere (a test, a reader) gets
// none and runs statements once (see executeOnce / prepared()).
class StatementCache {
public:
    StatementCache() = default;
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;

    // Binds the cache to this session (dropping statements of an earlier one).
    void attach(Poco::Data::Session& session);
    // Drops every statement; before the session they belong to closes.
    void clear();
    // Makes this cache the calling thread's (nullptr: none).
    static void setCurrent(StatementCache* cache);
    // The calling thread's cache when it is attached to `session`, else nullptr.
    static StatementCache* forSession(Poco::Data::Session& session);

    template <typename Row, typename... Params>
    CachedStatement<Row, Params...>& get(Poco::Data::Session& session, const std::string& sql)
    {
        using Entry = CachedStatement<Row, Params...>;
        auto found = m_statements.find(sql);
        if (found != m_statements.end()) {
            auto* entry = dynamic_cast<Entry*>(found->second.get());
            if (entry != nullptr && !entry->broken()) {
                return *entry;
            }
            m_statements.erase(found);
        }
        auto created = std::make_unique<Entry>(session, sql);
        Entry& entry = *created;
        m_statements.emplace(sql, std::move(created));
        return entry;
    }

    std::size_t size() const { return m_statements.size(); }

    // Values the writer's units read and later units of the same transaction
    // may reuse (an organization's automation settings, OrgAutomationRecords):
    // kept under a key until forgetReads(), which the writer calls at every
    // BEGIN and rollback (another process may have written in between, or
    // the rows read are undone) and which every unit that writes such rows
    // calls too. nullptr when nothing is kept.
    template <typename T> std::shared_ptr<const T> keptRead(const std::string& key) const
    {
        const auto found = m_reads.find(key);
        return found == m_reads.end() ? nullptr : std::static_pointer_cast<const T>(found->second);
    }
    template <typename T> void keepRead(const std::string& key, std::shared_ptr<const T> value)
    {
        m_reads[key] = std::move(value);
    }
    void forgetReads() { m_reads.clear(); }
    // forgetReads() on the calling thread's cache when it belongs to
    // `session`: for units that change what others keep.
    static void forgetReads(Poco::Data::Session& session)
    {
        if (StatementCache* cache = forSession(session)) {
            cache->forgetReads();
        }
    }

private:
    const void* m_session = nullptr;
    std::unordered_map<std::string, std::unique_ptr<CachedStatementBase>> m_statements;
    std::unordered_map<std::string, std::shared_ptr<const void>> m_reads;
};

// Runs `sql` with `params`: through the session's kept statement on the
// writer thread, else a statement prepared for this call alone. Returns the
// rows affected.
template <typename... Params>
std::size_t executeCached(Poco::Data::Session& session, const std::string& sql, const Params&... params)
{
    if (StatementCache* cache = StatementCache::forSession(session)) {
        return cache->get<NoRows, Params...>(session, sql).execute(params...);
    }
    CachedStatement<NoRows, Params...> once(session, sql);
    return once.execute(params...);
}

// The same for a query: `rows` receives the first column of each row, or,
// when Row is a std::tuple, its first columns.
template <typename Row, typename... Params>
void selectCached(Poco::Data::Session& session, const std::string& sql, std::vector<Row>& rows,
                  const Params&... params)
{
    if (StatementCache* cache = StatementCache::forSession(session)) {
        auto& statement = cache->get<Row, Params...>(session, sql);
        statement.execute(params...);
        rows = statement.rows();
        return;
    }
    CachedStatement<Row, Params...> once(session, sql);
    once.execute(params...);
    rows = once.rows();
}

} // namespace callsnare::relay
