#include "cli/ProfileCommands.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("callsnare-cli"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    callsnare::cli::ProfileCommands commands(out, err);
    return static_cast<int>(commands.run(QCoreApplication::arguments()));
}
