// The encrypted store's benchmark (issue 3): import L demo leads (~10 texts
// each), then time what a dispatcher waits for: opening the profile, the first
// inbox page, one lead's thread, a full-text search. The same workload runs on
// an unkeyed profile (SQLCipher without a key is plain SQLite) in the same
// process, and the table shows keyed/unkeyed ratios beside the issue's
// targets. It prints figures and never fails on timing: the exit status only
// says whether the workload itself ran.
//
//   bench_store [--leads N]        (default: $CALLSNARE_BENCH_LEADS, else 100000)

#include "domain/TimeOrderedId.h"
#include "store/DemoImport.h"
#include "store/DemoLeads.h"
#include "store/DemoRandom.h"
#include "store/InboxQuery.h"
#include "store/Migrations.h"
#include "store/Profile.h"
#include "store/SearchIndex.h"
#include "store/SqlCipherDriver.h"
#include "store/SqliteStatement.h"
#include "store/StoreSql.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace callsnare;
using namespace callsnare::store;

namespace {

constexpr quint64 kSeed = 2026;
const QString kPassphrase = QStringLiteral("benchmark passphrase, not a secret");
constexpr int kRepeats = 25;

// The targets on a 2-core machine.
constexpr double kTargetImportRowsPerSecond = 200000;
constexpr double kTargetInboxMs = 10;
constexpr double kTargetThreadMs = 20;
constexpr double kTargetSearchMs = 50;
constexpr double kTargetRatio = 1.3;

// What one profile (keyed or not) measured.
struct Figures {
    double importSeconds = 0;
    double importCpuSeconds = 0; // the process's CPU time during the import
    double floorSeconds = 0; // the same number of rows into one bare table (measureFloor)
    qint64 rows = 0;
    qint64 messages = 0;
    double openMs = 0;
    double inboxColdMs = 0;
    double inboxMs = 0;
    double threadMs = 0;
    double searchMs = 0;
    double fileMb = 0;
    QString inboxPlan;
    QString threadPlan;
};

double millisecondsOf(const std::function<bool()>& work, bool* ok)
{
    QElapsedTimer timer;
    timer.start();
    const bool done = work();
    const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    if (!done) {
        *ok = false;
    }
    return ms;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

// A profile the benchmark can open the same way keyed and unkeyed. Keyed
// profiles are the product's own (Profile::create / Profile::open); an
// unkeyed one cannot be made through Profile (it refuses an empty
// passphrase, rightly), so it gets the same driver, the same pragmas and the
// same migrations here.
class BenchProfile {
public:
    BenchProfile(QString path, bool keyed) : m_path(std::move(path)), m_keyed(keyed) { }
    ~BenchProfile() { close(); }

    bool create(QString* error)
    {
        if (m_keyed) {
            m_profile = Profile::create(m_path, kPassphrase, error);
            return m_profile != nullptr;
        }
        return openPlain(error) && Migrations().migrate(database(), error);
    }

    bool open(QString* error)
    {
        if (m_keyed) {
            m_profile = Profile::open(m_path, kPassphrase, Profile::Access::ReadWrite, error);
            return m_profile != nullptr;
        }
        return openPlain(error);
    }

    void close()
    {
        m_profile.reset();
        if (QSqlDatabase::contains(m_plainName)) {
            {
                QSqlDatabase db = QSqlDatabase::database(m_plainName, false);
                db.close();
            }
            QSqlDatabase::removeDatabase(m_plainName);
        }
    }

    QSqlDatabase database() const
    {
        return m_profile ? m_profile->database() : QSqlDatabase::database(m_plainName, false);
    }

private:
    bool openPlain(QString* error)
    {
        registerSqlCipherDriver();
        QSqlDatabase db = QSqlDatabase::addDatabase(QString::fromLatin1(kSqlCipherDriverName), m_plainName);
        db.setDatabaseName(m_path);
        if (!db.open()) {
            *error = db.lastError().text();
            return false;
        }
        // The journal mode a keyed profile runs with (the product's choice,
        // read from a probe profile) and its page size (SQLCipher's cipher
        // page size is the database page size; plain SQLite would pick 4096),
        // so only the key differs. page_size only takes on a new file.
        QSqlQuery mode(db);
        return execute(db, QStringLiteral("PRAGMA foreign_keys = ON"), {}, error)
            && execute(db, QStringLiteral("PRAGMA page_size = %1").arg(SqlCipherDriver::kCipherPageSize), {},
                       error)
            && execute(mode, QStringLiteral("PRAGMA journal_mode = %1").arg(s_journalMode), {}, error);
    }

public:
    // "delete", "wal": what Profile sets; learned once by probeJournalMode().
    static inline QString s_journalMode = QStringLiteral("delete");

private:
    QString m_path;
    bool m_keyed;
    QString m_plainName = QStringLiteral("bench-unkeyed");
    std::unique_ptr<Profile> m_profile;
};

// The reads a dispatcher waits for, on an open profile.
bool measureQueries(const QSqlDatabase& db, const QString& orgId, qint64 leads, Figures* figures,
                    QString* error)
{
    bool ok = true;
    const InboxQuery inbox(db, orgId);
    InboxPageRequest firstPage;
    firstPage.limit = 50;
    QVector<InboxRow> rows;
    figures->inboxColdMs
        = millisecondsOf([&] { return inbox.page(firstPage, &rows, error) && rows.size() == 50; }, &ok);
    std::vector<double> samples;
    for (int i = 0; i < kRepeats && ok; ++i) {
        samples.push_back(millisecondsOf([&] { return inbox.page(firstPage, &rows, error); }, &ok));
    }
    figures->inboxMs = median(samples);
    figures->inboxPlan = inbox.pagePlan(firstPage, error).simplified();

    // Threads of leads spread over the whole history (regenerated from the
    // seed: lead i depends only on the seed and i).
    samples.clear();
    for (int i = 0; i < kRepeats && ok; ++i) {
        DemoLeads demo(kSeed);
        demo.skip(leads * i / kRepeats);
        DemoBatch one;
        demo.generate(1, &one);
        const QString leadId = QString::fromStdString(one.leads.front().id);
        QVector<ThreadItem> items;
        samples.push_back(
            millisecondsOf([&] { return inbox.thread(leadId, &items, error) && !items.isEmpty(); }, &ok));
        if (i == 0) {
            figures->threadPlan = inbox.threadPlan(leadId, error).simplified();
        }
    }
    figures->threadMs = median(samples);

    // What dispatchers type: a problem, a prefix, a name, a street, digits of a number.
    const SearchIndex index(db, orgId);
    const QStringList queries{QStringLiteral("banging noise"),    QStringLiteral("no heat"),
                              QStringLiteral("thermostat blank"), QStringLiteral("furn*"),
                              QStringLiteral("Kowalski"),         QStringLiteral("Hawthorne Ave"),
                              QStringLiteral("gas smell"),        QStringLiteral("555 0142")};
    samples.clear();
    for (int round = 0; round < 3 && ok; ++round) {
        for (const QString& text : queries) {
            samples.push_back(millisecondsOf(
                [&] {
                    error->clear();
                    index.search(text, 20, error);
                    return error->isEmpty();
                },
                &ok));
        }
    }
    figures->searchMs = median(samples);

    QSqlQuery count(db);
    if (execute(count, QStringLiteral("SELECT count(*) FROM messages"), {}, error) && count.next()) {
        figures->messages = count.value(0).toLongLong();
    }
    return ok;
}

// Asks a fresh keyed profile which journal mode the product uses.
bool probeJournalMode(const QString& path, QString* error)
{
    const auto probe = Profile::create(path, kPassphrase, error);
    if (!probe) {
        return false;
    }
    QSqlQuery mode(probe->database());
    if (!execute(mode, QStringLiteral("PRAGMA journal_mode"), {}, error) || !mode.next()) {
        return false;
    }
    BenchProfile::s_journalMode = mode.value(0).toString().toLower();
    return true;
}

// The floor under the import on this machine: as many rows as the import
// wrote, shaped like its texts (a time-ordered id, the lead's id, a body, a
// time), into one table with nothing but its primary key, through the same
// prepared-statement path, in one transaction. No index, no search, no
// other table: whatever the import does beyond this is what its rows cost.
bool measureFloor(const QString& path, bool keyed, qint64 rows, Figures* figures, QString* error)
{
    BenchProfile profile(path, keyed);
    if (!profile.create(error)) {
        return false;
    }
    const QSqlDatabase db = profile.database();
    const auto* driver = qobject_cast<const SqlCipherDriver*>(db.driver());
    if (!driver
        || !execute(db,
                    QStringLiteral("CREATE TABLE floor_rows (id TEXT PRIMARY KEY, lead_id TEXT NOT NULL, "
                                   "body TEXT NOT NULL, created_at INTEGER NOT NULL)"),
                    {}, error)) {
        return false;
    }
    DemoRandom random(kSeed);
    const auto start = std::chrono::system_clock::time_point(DemoLeads::defaultNow());
    std::string lead;
    QElapsedTimer timer;
    timer.start();
    const bool written = inTransaction(db, error, [&] {
        SqliteStatement insert;
        if (!insert.prepare(driver->connection(),
                            "INSERT INTO floor_rows (id, lead_id, body, created_at) VALUES (?, ?, ?, ?)",
                            error)) {
            return false;
        }
        for (qint64 row = 0; row < rows; ++row) {
            const auto at = start + std::chrono::milliseconds{row};
            if (row % 10 == 0) {
                lead = domain::timeOrderedId(at, random.idBytes());
            }
            insert.bindText(1, domain::timeOrderedId(at, random.idBytes()));
            insert.bindText(2, lead);
            insert.bindText(
                3, "Our furnace is blowing cold air and the thermostat says 62, can someone come today?");
            insert.bindInt(4,
                           std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count());
            if (!insert.run(error)) {
                return false;
            }
        }
        return true;
    });
    figures->floorSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    return written;
}

bool runWorkload(const QString& path, bool keyed, qint64 leads, Figures* figures, QString* error)
{
    BenchProfile profile(path, keyed);
    if (!profile.create(error)) {
        return false;
    }
    DemoImportReport report;
    {
        DemoImport import(profile.database());
        import.setBatchLeads(2000);
        const std::clock_t cpuBefore = std::clock();
        if (!import.run(kSeed, leads, &report, error)) {
            return false;
        }
        figures->importCpuSeconds
            = static_cast<double>(std::clock() - cpuBefore) / static_cast<double>(CLOCKS_PER_SEC);
    } // every handle on the connection gone before it closes
    figures->importSeconds = static_cast<double>(report.elapsedMs) / 1000.0;
    figures->rows = report.rows;
    const QString orgId = report.orgId;
    profile.close();

    // What a dispatcher waits for after unlocking: the open itself (the KDF
    // when keyed), then the inbox straight from the file.
    bool ok = true;
    figures->openMs = millisecondsOf([&] { return profile.open(error); }, &ok);
    if (!ok) {
        return false;
    }
    if (!measureQueries(profile.database(), orgId, leads, figures, error)) {
        return false;
    }
    profile.close();
    qint64 bytes = 0;
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-journal")}) {
        bytes += QFileInfo(path + suffix).size();
    }
    figures->fileMb = static_cast<double>(bytes) / (1024.0 * 1024.0);
    return ok && measureFloor(path + QStringLiteral(".floor"), keyed, figures->rows, figures, error);
}

QString number(double value, int decimals = 1)
{
    return QLocale(QLocale::English).toString(value, 'f', decimals);
}

void printRow(const QString& figure, const QString& keyed, const QString& unkeyed, const QString& ratio,
              const QString& target, const QString& verdict)
{
    std::printf("%-30s %14s %14s %9s   %-22s %s\n", qPrintable(figure), qPrintable(keyed),
                qPrintable(unkeyed), qPrintable(ratio), qPrintable(target), qPrintable(verdict));
}

QString verdict(bool met)
{
    return met ? QStringLiteral("ok") : QStringLiteral("MISSED");
}

// Time figures: lower is better; the ratio is keyed over unkeyed.
void printTime(const QString& figure, double keyed, double unkeyed, double target)
{
    const double ratio = unkeyed > 0 ? keyed / unkeyed : 0;
    printRow(figure, number(keyed, 2), number(unkeyed, 2), number(ratio, 2),
             target > 0 ? QStringLiteral("<= %1 ms").arg(number(target, 0)) : QStringLiteral("-"),
             target > 0 ? verdict(keyed <= target) : QString());
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("callsnare.*=false"));

    qint64 leads = qEnvironmentVariableIsSet("CALLSNARE_BENCH_LEADS")
        ? qEnvironmentVariable("CALLSNARE_BENCH_LEADS").toLongLong()
        : 100000;
    const QStringList arguments = QCoreApplication::arguments();
    const qsizetype leadsAt = arguments.indexOf(QStringLiteral("--leads"));
    if (leadsAt > 0 && leadsAt + 1 < arguments.size()) {
        leads = arguments.at(leadsAt + 1).toLongLong();
    }
    if (leads < 50 || leads > DemoLeads::maxLeads()) {
        std::fprintf(stderr, "bench_store: --leads needs a number from 50 to %lld\n",
                     static_cast<long long>(DemoLeads::maxLeads()));
        return 2;
    }

    const QString root = qEnvironmentVariable("CALLSNARE_TEST_TMPDIR", QDir::tempPath());
    QTemporaryDir dir(root + QStringLiteral("/bench-store-XXXXXX"));
    if (!dir.isValid()) {
        std::fprintf(stderr, "bench_store: no temporary directory under %s\n", qPrintable(root));
        return 1;
    }

    QString error;
    if (!probeJournalMode(dir.filePath(QStringLiteral("probe.csnare")), &error)) {
        std::fprintf(stderr, "bench_store: no keyed profile could be made: %s\n", qPrintable(error));
        return 1;
    }

    std::printf("CallSnare store benchmark: %s demo leads, seed %llu, files in %s\n",
                qPrintable(QLocale(QLocale::English).toString(leads)), static_cast<unsigned long long>(kSeed),
                qPrintable(dir.path()));
    std::printf("SQLCipher 3.4.1 (SQLite 3.15): keyed = cipher page %d, KDF %d iterations; unkeyed = plain "
                "SQLite format, same driver and page size; both journal_mode=%s, %d MB page cache\n\n",
                SqlCipherDriver::kCipherPageSize, SqlCipherDriver::kKdfIterations,
                qPrintable(BenchProfile::s_journalMode), SqlCipherDriver::kPageCacheKiB / 1024);
    std::fflush(stdout);

    // Unkeyed first: the baseline, measured in this same run.
    Figures unkeyed;
    Figures keyed;
    for (const bool withKey : {false, true}) {
        Figures* figures = withKey ? &keyed : &unkeyed;
        const QString path
            = dir.filePath(withKey ? QStringLiteral("keyed.csnare") : QStringLiteral("unkeyed.sqlite"));
        if (!runWorkload(path, withKey, leads, figures, &error)) {
            std::fprintf(stderr, "bench_store: the %s workload failed: %s\n", withKey ? "keyed" : "unkeyed",
                         qPrintable(error));
            return 1;
        }
        std::printf("%s: imported %s rows (%s messages) in %s s\n", withKey ? "keyed  " : "unkeyed",
                    qPrintable(QLocale(QLocale::English).toString(figures->rows)),
                    qPrintable(QLocale(QLocale::English).toString(figures->messages)),
                    qPrintable(number(figures->importSeconds, 2)));
        std::fflush(stdout);
    }

    std::printf("\n");
    printRow(QStringLiteral("figure"), QStringLiteral("keyed"), QStringLiteral("unkeyed"),
             QStringLiteral("k/u"), QStringLiteral("target"), QString());
    const double keyedRate = static_cast<double>(keyed.rows) / std::max(keyed.importSeconds, 1e-9);
    const double unkeyedRate = static_cast<double>(unkeyed.rows) / std::max(unkeyed.importSeconds, 1e-9);
    const double importRatio = unkeyed.importSeconds > 0 ? keyed.importSeconds / unkeyed.importSeconds : 0;
    printRow(QStringLiteral("import (rows/s)"), number(keyedRate, 0), number(unkeyedRate, 0),
             number(importRatio, 2),
             QStringLiteral(">= %1 rows/s").arg(number(kTargetImportRowsPerSecond, 0)),
             verdict(keyedRate >= kTargetImportRowsPerSecond));
    // On a machine shared with other work the wall clock also counts the
    // time other processes had the cores; the CPU figure is the import's own.
    const double keyedCpuRate = static_cast<double>(keyed.rows) / std::max(keyed.importCpuSeconds, 1e-9);
    const double unkeyedCpuRate
        = static_cast<double>(unkeyed.rows) / std::max(unkeyed.importCpuSeconds, 1e-9);
    const double keyedFloor = static_cast<double>(keyed.rows) / std::max(keyed.floorSeconds, 1e-9);
    const double unkeyedFloor = static_cast<double>(unkeyed.rows) / std::max(unkeyed.floorSeconds, 1e-9);
    printRow(QStringLiteral("floor: bare table (rows/s)"), number(keyedFloor, 0), number(unkeyedFloor, 0),
             number(keyed.floorSeconds / std::max(unkeyed.floorSeconds, 1e-9), 2), QStringLiteral("-"),
             QString());
    printRow(QStringLiteral("import / floor time"), number(keyedFloor / std::max(keyedRate, 1e-9), 2),
             number(unkeyedFloor / std::max(unkeyedRate, 1e-9), 2), QString(), QStringLiteral("-"),
             QString());
    printRow(QStringLiteral("import per CPU second (rows/s)"), number(keyedCpuRate, 0),
             number(unkeyedCpuRate, 0),
             number(keyed.importCpuSeconds / std::max(unkeyed.importCpuSeconds, 1e-9), 2),
             QStringLiteral("-"), QString());
    printTime(QStringLiteral("open profile (ms)"), keyed.openMs, unkeyed.openMs, 0);
    printTime(QStringLiteral("inbox first page, cold (ms)"), keyed.inboxColdMs, unkeyed.inboxColdMs,
              kTargetInboxMs);
    printTime(QStringLiteral("inbox first page, median (ms)"), keyed.inboxMs, unkeyed.inboxMs,
              kTargetInboxMs);
    printTime(QStringLiteral("open a thread, median (ms)"), keyed.threadMs, unkeyed.threadMs,
              kTargetThreadMs);
    printTime(QStringLiteral("full-text search, median (ms)"), keyed.searchMs, unkeyed.searchMs,
              kTargetSearchMs);
    printRow(QStringLiteral("file size (MB)"), number(keyed.fileMb, 1), number(unkeyed.fileMb, 1),
             number(unkeyed.fileMb > 0 ? keyed.fileMb / unkeyed.fileMb : 0, 2), QStringLiteral("-"),
             QString());
    std::printf(
        "\nkeyed/unkeyed target <= %s: import %s (%s); median of %d runs for pages and threads, of %d "
        "searches.\n",
        qPrintable(number(kTargetRatio, 1)), qPrintable(number(importRatio, 2)),
        qPrintable(verdict(importRatio <= kTargetRatio)), kRepeats, 24);
    std::printf("inbox plan (keyed): %s\n", qPrintable(keyed.inboxPlan));
    std::printf("thread plan (keyed): %s\n", qPrintable(keyed.threadPlan));
    std::fflush(stdout);
    return 0;
}
