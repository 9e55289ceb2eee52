#include "RelayCommand.h"

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>

namespace callsnare::test {

QByteArray runRelayCommand(const QString& program, const QStringList& arguments, QString* error,
                           int timeoutMs)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& name : environment.keys()) {
        if (name.startsWith(QLatin1String("CALLSNARE_RELAY_")))
            environment.remove(name);
    }
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        if (error) {
            *error = QStringLiteral("%1 failed (exit %2): %3")
                         .arg(arguments.join(QLatin1Char(' ')))
                         .arg(process.exitCode())
                         .arg(QString::fromUtf8(process.readAllStandardError()));
        }
        return {};
    }
    const QByteArray output = process.readAllStandardOutput();
    return output.isNull() ? QByteArray("") : output;
}

bool writePrivateFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) && file.write(content) >= 0;
}

} // namespace callsnare::test
