#pragma once

#include <QByteArray>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace callsnare::test {

// The real callsnare-relay binary in a private data dir, as an operator runs
// it. start() adds `--listen 127.0.0.1:0 --data-dir DIR/data --port-file DIR/port`
// (each left out when the caller passes that flag or sets its CALLSNARE_RELAY_*
// variable) and waits until the port file appears, wherever it was put; stop() sends SIGTERM and collects the
// exit code. CALLSNARE_RELAY_* variables of the test's own environment are not passed on.
class RelayProcess {
public:
    explicit RelayProcess(QString program);
    ~RelayProcess();
    RelayProcess(const RelayProcess&) = delete;
    RelayProcess& operator=(const RelayProcess&) = delete;

    void setArguments(const QStringList& arguments) { m_arguments = arguments; }
    void setEnvironmentVariable(const QString& name, const QString& value)
    {
        m_environment.insert(name, value);
    }
    void setHttps(bool https) { m_https = https; }
    // Sends the relay's stderr to this file instead of a pipe: a long run
    // (a benchmark) logs more than a pipe holds while nobody reads it.
    void setStandardErrorFile(const QString& path) { m_stderrFile = path; }

    // False with *error set when the binary exits or the port file does not
    // appear within timeoutMs; stderr so far is part of the error.
    bool start(QString* error = nullptr, int timeoutMs = 20000);
    // SIGTERM, then waits; false when it did not exit within timeoutMs (it is then killed).
    bool stop(int timeoutMs = 15000);
    // Sends SIGTERM without waiting.
    void terminate();
    // SIGKILL, as a crash: nothing is drained or flushed. Waits for the exit.
    void kill();
    // Waits for the process to exit on its own; false on timeout.
    bool waitForExit(int timeoutMs = 15000);

    // Runs the binary with these exact arguments to completion (for flags
    // that make it exit at once); stderr and exit code are then available.
    bool runToCompletion(const QStringList& arguments, int timeoutMs = 15000);

    bool isRunning() const;
    quint16 port() const { return m_port; }
    QUrl baseUrl() const;
    QUrl url(const QString& path) const;
    QString dataDir() const { return m_dataDir->path(); }
    QString filePath(const QString& name) const;

    int exitCode() const;
    QProcess::ExitStatus exitStatus() const;
    // Everything the relay wrote to stderr so far (its JSON log lines).
    QByteArray standardError();
    QByteArray standardOutput();

private:
    void prepare(const QStringList& arguments);

    QString m_program;
    QStringList m_arguments;
    QMap<QString, QString> m_environment;
    bool m_https = false;
    QString m_stderrFile;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_stderr;
    QByteArray m_stdout;
    quint16 m_port = 0;
};

} // namespace callsnare::test
