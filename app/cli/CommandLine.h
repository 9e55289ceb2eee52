#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <optional>

namespace callsnare::cli {

// What callsnare-cli was asked to do, checked for shape before anything
// touches a profile: `callsnare-cli db <command> --db PATH [options]` or
// `callsnare-cli sync --db PATH --relay URL [--enroll CODE] [--once|--follow]`
// or `callsnare-cli lead list|show [LEAD] --db PATH`.
struct CommandLine {
    enum class Command { Init, ImportDemo, Stats, Search, Rekey, Sync, LeadList, LeadShow, Help };
    // What `sync` does after an enrollment (if any): one round, run until
    // stopped, or nothing more (--enroll alone).
    enum class SyncMode { Once, Follow, EnrollOnly };

    Command command = Command::Help;
    QString dbPath;
    QString passphraseFile;
    QString newPassphraseFile;
    qint64 leads = 1000;
    quint64 seed = 1;
    int limit = 20;
    bool json = false;
    QString searchText;
    QString leadId; // lead show
    QString relayUrl;
    QString enrollCode;
    QString deviceName;
    SyncMode syncMode = SyncMode::Once;

    // Parses argv (the program name first). On a usage error returns nothing
    // and puts one sentence in `error`.
    static std::optional<CommandLine> parse(const QStringList& arguments, QString* error);
    static QString helpText();

private:
    static std::optional<CommandLine> parseLead(const QCommandLineParser& parser, QStringList positional,
                                                QString* error);
    static std::optional<CommandLine> parseSync(const QCommandLineParser& parser,
                                                const QStringList& positional, QString* error);
};

} // namespace callsnare::cli
