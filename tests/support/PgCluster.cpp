#include "PgCluster.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace callsnare::test {

namespace {

const QString kBinDir = QStringLiteral("/usr/lib/postgresql/15/bin");
const QString kServerUser = QStringLiteral("postgres");

QString tool(const QString& name)
{
    return kBinDir + QLatin1Char('/') + name;
}

// A port nobody listens on right now (the kernel's pick for port 0). Another
// process could take it before the server binds; start() then tries again.
quint16 freeLoopbackPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return 0;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    quint16 port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
        port = ntohs(address.sin_port);
    }
    ::close(fd);
    return port;
}

bool chownToServerUser(const QString& path)
{
    const passwd* user = ::getpwnam("postgres");
    if (user == nullptr) {
        return false;
    }
    return ::chown(QFile::encodeName(path).constData(), user->pw_uid, user->pw_gid) == 0;
}

} // namespace

PgCluster::PgCluster() = default;

PgCluster::~PgCluster()
{
    stop();
}

bool PgCluster::available(QString* whyNot)
{
    for (const char* name : {"initdb", "pg_ctl", "postgres", "createdb"}) {
        if (!QFileInfo(tool(QString::fromLatin1(name))).isExecutable()) {
            if (whyNot != nullptr) {
                *whyNot = QStringLiteral("PostgreSQL 15 server binaries are not installed (%1 missing)")
                              .arg(tool(QString::fromLatin1(name)));
            }
            return false;
        }
    }
    if (::geteuid() == 0 && ::getpwnam("postgres") == nullptr) {
        if (whyNot != nullptr) {
            *whyNot = QStringLiteral("running as root and there is no postgres system user for initdb");
        }
        return false;
    }
    return true;
}

bool PgCluster::run(const QString& program, const QStringList& arguments, bool asServerUser, QString* output,
                    int timeoutMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (asServerUser && m_asRoot) {
        process.start(QStringLiteral("runuser"),
                      QStringList{QStringLiteral("-u"), kServerUser, QStringLiteral("--"), program}
                          + arguments);
    } else {
        process.start(program, arguments);
    }
    const bool finished = process.waitForFinished(timeoutMs);
    if (output != nullptr) {
        *output = QString::fromLocal8Bit(process.readAll());
    }
    if (!finished) {
        process.kill();
        process.waitForFinished(5000);
        return false;
    }
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

QString PgCluster::serverLog() const
{
    QFile log(m_dir->filePath(QStringLiteral("server.log")));
    if (!log.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromLocal8Bit(log.readAll().right(4000));
}

bool PgCluster::start(QString* error)
{
    auto fail = [&](const QString& message) {
        if (error != nullptr) {
            *error = message;
        }
        return false;
    };
    QString whyNot;
    if (!available(&whyNot)) {
        return fail(whyNot);
    }
    m_asRoot = ::geteuid() == 0;
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/pg-XXXXXX"));
    if (!m_dir->isValid()) {
        return fail(QStringLiteral("cannot create a temporary directory: %1").arg(m_dir->errorString()));
    }
    if (m_asRoot && !chownToServerUser(m_dir->path())) {
        return fail(QStringLiteral("cannot hand %1 to the postgres user").arg(m_dir->path()));
    }
    m_dataDir = m_dir->filePath(QStringLiteral("data"));
    const QString socketDir = m_dir->filePath(QStringLiteral("sock"));

    QString output;
    if (!run(tool(QStringLiteral("initdb")),
             {QStringLiteral("-D"), m_dataDir, QStringLiteral("-A"), QStringLiteral("trust"),
              QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("-E"), QStringLiteral("UTF8"),
              QStringLiteral("--locale=C"), QStringLiteral("--no-sync")},
             true, &output)) {
        return fail(QStringLiteral("initdb failed: %1").arg(output));
    }
    if (!run(QStringLiteral("mkdir"), {socketDir}, true, &output)) {
        return fail(QStringLiteral("cannot create the socket directory: %1").arg(output));
    }
    // Unix socket paths are limited to 107 bytes; a deep build tree gets TCP only.
    const QString sockets = socketDir.size() < 90 ? socketDir : QString();

    for (int attempt = 0; attempt < 3 && !m_running; ++attempt) {
        m_port = freeLoopbackPort();
        const QString options = QStringLiteral("-c port=%1 -c listen_addresses=127.0.0.1 "
                                               "-c unix_socket_directories='%2' -c max_connections=200")
                                    .arg(m_port)
                                    .arg(sockets);
        m_running
            = run(tool(QStringLiteral("pg_ctl")),
                  {QStringLiteral("-D"), m_dataDir, QStringLiteral("-l"),
                   m_dir->filePath(QStringLiteral("server.log")), QStringLiteral("-w"), QStringLiteral("-t"),
                   QStringLiteral("60"), QStringLiteral("-o"), options, QStringLiteral("start")},
                  true, &output);
    }
    if (!m_running) {
        return fail(QStringLiteral("pg_ctl start failed: %1\n%2").arg(output, serverLog()));
    }
    return true;
}

void PgCluster::stop()
{
    if (m_running) {
        // Immediate: no shutdown checkpoint (tens of seconds of fsyncs after
        // many createdb calls) for a cluster that is deleted right after.
        run(tool(QStringLiteral("pg_ctl")),
            {QStringLiteral("-D"), m_dataDir, QStringLiteral("-m"), QStringLiteral("immediate"),
             QStringLiteral("-w"), QStringLiteral("stop")},
            true, nullptr, 60000);
        m_running = false;
    }
    m_dir.reset(); // removes the cluster's files
}

QString PgCluster::createDatabase(const QString& name, QString* error)
{
    QString output;
    if (!m_running
        || !run(tool(QStringLiteral("createdb")),
                {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                 QString::number(m_port), QStringLiteral("-U"), QStringLiteral("postgres"), name},
                false, &output)) {
        if (error != nullptr) {
            *error = m_running ? QStringLiteral("createdb %1 failed: %2").arg(name, output)
                               : QStringLiteral("the cluster is not running");
        }
        return {};
    }
    return QStringLiteral("postgresql://postgres@127.0.0.1:%1/%2").arg(m_port).arg(name);
}

} // namespace callsnare::test
