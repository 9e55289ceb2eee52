#pragma once

#include "cli/CommandLine.h"
#include "store/Profile.h"

#include <QString>
#include <QStringList>
#include <QTextStream>

#include <memory>

namespace callsnare::cli {

// Exit statuses of callsnare-cli.
enum class ExitCode : int { Success = 0, Failure = 1, UsageError = 2 };

// The `callsnare-cli db ...` commands over one profile. Results go to `out`;
// a failure is one line "callsnare-cli: <reason>" on `err` and a non-zero
// exit status. No command prints a passphrase, and none changes a profile
// unless it succeeds as a whole.
class ProfileCommands {
public:
    ProfileCommands(QTextStream& out, QTextStream& err);

    // argv as given, the program name first.
    ExitCode run(const QStringList& arguments);

private:
    ExitCode init();
    ExitCode importDemo();
    ExitCode stats();
    ExitCode search();
    ExitCode rekey();
    ExitCode sync();
    ExitCode lead();

    bool readPassphrase(QString* passphrase, QString* error) const;
    // Reads the passphrase and opens the --db profile; nullptr with `error` set on failure.
    std::unique_ptr<store::Profile> openProfile(store::Profile::Access access, QString* error) const;
    bool readNewPassphrase(QString* passphrase, QString* error) const;
    ExitCode failed(const QString& reason);
    ExitCode usageError(const QString& reason);

    QTextStream& m_out;
    QTextStream& m_err;
    CommandLine m_line;
};

} // namespace callsnare::cli
