#include "ui/ProfileLocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace callsnare::ui {

QString ProfileLocation::defaultPath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(folder).filePath(QString::fromLatin1(kFileName));
}

QString ProfileLocation::resolve(const QString& fromCommandLine)
{
    QString path = fromCommandLine;
    if (path.isEmpty()) {
        path = qEnvironmentVariable(kEnvironmentVariable);
    }
    if (path.isEmpty()) {
        path = defaultPath();
    }
    return QFileInfo(path).absoluteFilePath();
}

bool ProfileLocation::prepareFolder(const QString& path, QString* error)
{
    const QString folder = QFileInfo(path).absolutePath();
    if (QDir().mkpath(folder)) {
        return true;
    }
    if (error) {
        *error = QCoreApplication::translate("callsnare::ui::ProfileLocation",
                                             "The folder %1 for the profile cannot be created.")
                     .arg(QDir::toNativeSeparators(folder));
    }
    return false;
}

} // namespace callsnare::ui
