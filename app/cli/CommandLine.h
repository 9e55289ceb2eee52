#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace callsnare::cli {

// What callsnare-cli was asked to do, checked for shape before anything
// touches a profile: `callsnare-cli db <command> --db PATH [options]`.
struct CommandLine {
    enum class Command { Init, ImportDemo, Stats, Search, Rekey, Help };

    Command command = Command::Help;
    QString dbPath;
    QString passphraseFile;
    QString newPassphraseFile;
    qint64 leads = 1000;
    quint64 seed = 1;
    int limit = 20;
    bool json = false;
    QString searchText;

    // Parses argv (the program name first). On a usage error returns nothing
    // and puts one sentence in `error`.
    static std::optional<CommandLine> parse(const QStringList& arguments, QString* error);
    static QString helpText();
};

} // namespace callsnare::cli
