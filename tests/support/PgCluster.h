#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace callsnare::test {

// A throwaway PostgreSQL 15 cluster for tests: a real server, not a mock.
// start() runs initdb (trust authentication) into a temporary directory and
// pg_ctl start on a free 127.0.0.1 port, with the Unix socket inside the
// temporary directory too, so nothing outside it is touched. The destructor
// stops the server and removes the directory.
//
// initdb refuses to run as root. Tests run as root on CI, so then initdb and
// pg_ctl run as the `postgres` system user (Debian's postgresql package
// creates it) through `runuser -u postgres --`, and the temporary directory is
// handed to that user. Its parent directories must be traversable by it
// (CALLSNARE_TEST_TMPDIR under the build tree is).
class PgCluster {
public:
    PgCluster();
    ~PgCluster();
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    // Whether the PostgreSQL 15 server binaries are installed; tests skip
    // (with this reason) only when they are not.
    static bool available(QString* whyNot = nullptr);

    // False with *error set (including the server log) when the cluster did not come up.
    bool start(QString* error = nullptr);
    void stop();
    bool isRunning() const { return m_running; }

    // Creates a fresh database and returns its URI,
    // postgresql://postgres@127.0.0.1:PORT/NAME. Empty on failure.
    QString createDatabase(const QString& name, QString* error = nullptr);
    quint16 port() const { return m_port; }

private:
    bool run(const QString& program, const QStringList& arguments, bool asServerUser, QString* output,
             int timeoutMs = 120000);
    QString serverLog() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_dataDir;
    quint16 m_port = 0;
    bool m_running = false;
    bool m_asRoot = false;
};

} // namespace callsnare::test
