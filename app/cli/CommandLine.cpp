#include "cli/CommandLine.h"

#include "store/DemoLeads.h"

#include <QCommandLineParser>
#include <QUrl>

#include <array>
#include <utility>

namespace callsnare::cli {

namespace {

using Command = CommandLine::Command;

struct CommandSpec {
    const char* name;
    Command command;
    QStringList options; // the options the command accepts besides --db and --help
};

const std::array<CommandSpec, 5>& commandSpecs()
{
    static const std::array<CommandSpec, 5> specs{{
        {"init", Command::Init, {QStringLiteral("passphrase-file")}},
        {"import-demo",
         Command::ImportDemo,
         {QStringLiteral("passphrase-file"), QStringLiteral("leads"), QStringLiteral("seed")}},
        {"stats", Command::Stats, {QStringLiteral("passphrase-file"), QStringLiteral("json")}},
        {"search",
         Command::Search,
         {QStringLiteral("passphrase-file"), QStringLiteral("limit"), QStringLiteral("json")}},
        {"rekey", Command::Rekey, {QStringLiteral("passphrase-file"), QStringLiteral("new-passphrase-file")}},
    }};
    return specs;
}

bool fail(QString* error, const QString& message)
{
    if (error) {
        *error = message;
    }
    return false;
}

bool parseCount(const QString& text, const QString& option, qint64 low, qint64 high, qint64* value,
                QString* error)
{
    bool ok = false;
    const qint64 parsed = text.toLongLong(&ok);
    if (!ok || parsed < low || parsed > high) {
        return fail(error,
                    QStringLiteral("--%1 needs a whole number from %2 to %3, not \"%4\"")
                        .arg(option)
                        .arg(low)
                        .arg(high)
                        .arg(text));
    }
    *value = parsed;
    return true;
}

} // namespace

QString CommandLine::helpText()
{
    return QStringLiteral(
        "Usage: callsnare-cli db <command> --db PATH [options]\n"
        "\n"
        "       callsnare-cli sync --db PATH --relay URL [--enroll CODE] [--device-name NAME] "
        "[--once|--follow]\n"
        "\n"
        "       callsnare-cli lead list --db PATH [--limit N (20)]\n"
        "       callsnare-cli lead show LEAD --db PATH\n"
        "\n"
        "Commands:\n"
        "  init          create a new encrypted profile at PATH\n"
        "  import-demo   add realistic demo HVAC leads  [--leads N (1000)] [--seed S (1)]\n"
        "  stats         count the rows of every table  [--json]\n"
        "  search TEXT   full-text search over messages, notes and contacts  [--limit N (20)] [--json]\n"
        "  rekey         change the profile's passphrase  [--new-passphrase-file FILE]\n"
        "  sync          mirror the organization's events from the relay and send queued actions:\n"
        "                --enroll CODE enrolls this profile first (alone, it only enrolls);\n"
        "                --once flushes, pulls to the end and prints a summary (the default);\n"
        "                --follow keeps pulling as events arrive until stopped\n"
        "  lead list     the newest leads of every organization in the profile\n"
        "  lead show     one lead: contact, state and its whole thread, oldest first\n"
        "\n"
        "The passphrase comes from --passphrase-file FILE (its first line), else the environment\n"
        "variable CALLSNARE_PASSPHRASE, else a prompt on the terminal.\n"
        "Exit status: 0 done, 1 failed, 2 usage error.\n");
}

std::optional<CommandLine> CommandLine::parse(const QStringList& arguments, QString* error)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QCommandLineOption dbOption(QStringLiteral("db"), QStringLiteral("The profile file."),
                                      QStringLiteral("PATH"));
    const QCommandLineOption passphraseFileOption(QStringLiteral("passphrase-file"),
                                                  QStringLiteral("Read the passphrase from FILE."),
                                                  QStringLiteral("FILE"));
    const QCommandLineOption newPassphraseFileOption(QStringLiteral("new-passphrase-file"),
                                                     QStringLiteral("Read the new passphrase from FILE."),
                                                     QStringLiteral("FILE"));
    const QCommandLineOption leadsOption(QStringLiteral("leads"), QStringLiteral("Demo leads to add."),
                                         QStringLiteral("N"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Demo data seed."),
                                        QStringLiteral("S"));
    const QCommandLineOption limitOption(QStringLiteral("limit"), QStringLiteral("Most hits to show."),
                                         QStringLiteral("N"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption relayOption(QStringLiteral("relay"), QStringLiteral("The relay's URL."),
                                         QStringLiteral("URL"));
    const QCommandLineOption enrollOption(QStringLiteral("enroll"), QStringLiteral("An enrollment code."),
                                          QStringLiteral("CODE"));
    const QCommandLineOption deviceNameOption(QStringLiteral("device-name"),
                                              QStringLiteral("This device's name on the relay."),
                                              QStringLiteral("NAME"));
    const QCommandLineOption onceOption(QStringLiteral("once"), QStringLiteral("Sync once, then exit."));
    const QCommandLineOption followOption(QStringLiteral("follow"), QStringLiteral("Keep syncing."));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help."));
    parser.addOptions({dbOption, passphraseFileOption, newPassphraseFileOption, leadsOption, seedOption,
                       limitOption, jsonOption, relayOption, enrollOption, deviceNameOption, onceOption,
                       followOption, helpOption});

    if (!parser.parse(arguments)) {
        fail(error, parser.errorText());
        return std::nullopt;
    }
    CommandLine line;
    if (parser.isSet(helpOption)) {
        line.command = Command::Help;
        return line;
    }
    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        fail(error, QStringLiteral("no command given; try \"callsnare-cli --help\""));
        return std::nullopt;
    }
    const QString group = positional.takeFirst();
    if (group == QLatin1String("sync")) {
        return parseSync(parser, positional, error);
    }
    if (group == QLatin1String("lead")) {
        return parseLead(parser, positional, error);
    }
    if (group != QLatin1String("db")) {
        fail(error,
             QStringLiteral("unknown command \"%1\"; the commands are \"db init|import-demo|stats|search|"
                            "rekey\", \"sync\" and \"lead list|show\"")
                 .arg(group));
        return std::nullopt;
    }
    if (positional.isEmpty()) {
        fail(error, QStringLiteral("\"db\" needs a command: init, import-demo, stats, search or rekey"));
        return std::nullopt;
    }
    const QString name = positional.takeFirst();
    const CommandSpec* spec = nullptr;
    for (const auto& candidate : commandSpecs()) {
        if (name == QLatin1String(candidate.name)) {
            spec = &candidate;
        }
    }
    if (!spec) {
        fail(error,
             QStringLiteral("unknown command \"db %1\"; the commands are init, import-demo, stats, search "
                            "and rekey")
                 .arg(name));
        return std::nullopt;
    }
    line.command = spec->command;

    static const QStringList syncOnly{QStringLiteral("relay"), QStringLiteral("enroll"),
                                      QStringLiteral("device-name"), QStringLiteral("once"),
                                      QStringLiteral("follow")};
    for (const QString& option : parser.optionNames()) {
        if (syncOnly.contains(option)) {
            fail(error, QStringLiteral("--%1 does not apply to \"db %2\"").arg(option, name));
            return std::nullopt;
        }
        const QString longName = option == QLatin1String("h") ? QStringLiteral("help") : option;
        if (longName != QLatin1String("db") && !spec->options.contains(longName)) {
            fail(error, QStringLiteral("--%1 does not apply to \"db %2\"").arg(longName, name));
            return std::nullopt;
        }
    }
    if (spec->command == Command::Search) {
        if (positional.isEmpty()) {
            fail(error, QStringLiteral("\"db search\" needs the text to search for"));
            return std::nullopt;
        }
        line.searchText = positional.join(QLatin1Char(' '));
    } else if (!positional.isEmpty()) {
        fail(error,
             QStringLiteral("unexpected argument \"%1\" after \"db %2\"").arg(positional.first(), name));
        return std::nullopt;
    }

    line.dbPath = parser.value(dbOption);
    if (line.dbPath.isEmpty()) {
        fail(error, QStringLiteral("\"db %1\" needs --db PATH, the profile file").arg(name));
        return std::nullopt;
    }
    line.passphraseFile = parser.value(passphraseFileOption);
    line.newPassphraseFile = parser.value(newPassphraseFileOption);
    line.json = parser.isSet(jsonOption);
    qint64 number = 0;
    if (parser.isSet(leadsOption)) {
        if (!parseCount(parser.value(leadsOption), QStringLiteral("leads"), 1, store::DemoLeads::maxLeads(),
                        &number, error)) {
            return std::nullopt;
        }
        line.leads = number;
    }
    if (parser.isSet(limitOption)) {
        if (!parseCount(parser.value(limitOption), QStringLiteral("limit"), 1, 1000, &number, error)) {
            return std::nullopt;
        }
        line.limit = static_cast<int>(number);
    }
    if (parser.isSet(seedOption)) {
        bool ok = false;
        line.seed = parser.value(seedOption).toULongLong(&ok);
        if (!ok) {
            fail(error,
                 QStringLiteral("--seed needs a whole number from 0 to 18446744073709551615, not \"%1\"")
                     .arg(parser.value(seedOption)));
            return std::nullopt;
        }
    }
    return line;
}

std::optional<CommandLine> CommandLine::parseLead(const QCommandLineParser& parser, QStringList positional,
                                                  QString* error)
{
    if (positional.isEmpty()) {
        fail(error, QStringLiteral("\"lead\" needs a command: list or show"));
        return std::nullopt;
    }
    const QString name = positional.takeFirst();
    CommandLine line;
    QStringList accepted{QStringLiteral("db"), QStringLiteral("passphrase-file")};
    if (name == QLatin1String("list")) {
        line.command = Command::LeadList;
        accepted << QStringLiteral("limit");
        if (!positional.isEmpty()) {
            fail(error,
                 QStringLiteral("unexpected argument \"%1\" after \"lead list\"").arg(positional.first()));
            return std::nullopt;
        }
    } else if (name == QLatin1String("show")) {
        line.command = Command::LeadShow;
        if (positional.size() != 1) {
            fail(error, QStringLiteral("\"lead show\" needs one lead id"));
            return std::nullopt;
        }
        line.leadId = positional.first();
    } else {
        fail(error, QStringLiteral("unknown command \"lead %1\"; the commands are list and show").arg(name));
        return std::nullopt;
    }
    for (const QString& option : parser.optionNames()) {
        if (!accepted.contains(option)) {
            fail(error, QStringLiteral("--%1 does not apply to \"lead %2\"").arg(option, name));
            return std::nullopt;
        }
    }
    line.dbPath = parser.value(QStringLiteral("db"));
    if (line.dbPath.isEmpty()) {
        fail(error, QStringLiteral("\"lead %1\" needs --db PATH, the profile file").arg(name));
        return std::nullopt;
    }
    line.passphraseFile = parser.value(QStringLiteral("passphrase-file"));
    if (parser.isSet(QStringLiteral("limit"))) {
        qint64 number = 0;
        if (!parseCount(parser.value(QStringLiteral("limit")), QStringLiteral("limit"), 1, 500, &number,
                        error)) {
            return std::nullopt;
        }
        line.limit = static_cast<int>(number);
    }
    return line;
}

std::optional<CommandLine> CommandLine::parseSync(const QCommandLineParser& parser,
                                                  const QStringList& positional, QString* error)
{
    static const QStringList accepted{QStringLiteral("db"),          QStringLiteral("passphrase-file"),
                                      QStringLiteral("relay"),       QStringLiteral("enroll"),
                                      QStringLiteral("device-name"), QStringLiteral("once"),
                                      QStringLiteral("follow")};
    for (const QString& option : parser.optionNames()) {
        if (!accepted.contains(option)) {
            fail(error, QStringLiteral("--%1 does not apply to \"sync\"").arg(option));
            return std::nullopt;
        }
    }
    if (!positional.isEmpty()) {
        fail(error, QStringLiteral("unexpected argument \"%1\" after \"sync\"").arg(positional.first()));
        return std::nullopt;
    }
    CommandLine line;
    line.command = Command::Sync;
    line.dbPath = parser.value(QStringLiteral("db"));
    if (line.dbPath.isEmpty()) {
        fail(error, QStringLiteral("\"sync\" needs --db PATH, the profile file"));
        return std::nullopt;
    }
    line.relayUrl = parser.value(QStringLiteral("relay"));
    if (line.relayUrl.isEmpty()) {
        fail(error, QStringLiteral("\"sync\" needs --relay URL, the relay's address (https://...)"));
        return std::nullopt;
    }
    const QUrl url(line.relayUrl, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        fail(error,
             QStringLiteral("--relay needs an http:// or https:// URL, not \"%1\"").arg(line.relayUrl));
        return std::nullopt;
    }
    line.passphraseFile = parser.value(QStringLiteral("passphrase-file"));
    line.enrollCode = parser.value(QStringLiteral("enroll"));
    if (parser.isSet(QStringLiteral("enroll")) && line.enrollCode.trimmed().isEmpty()) {
        fail(error, QStringLiteral("--enroll needs the code the relay's administrator gave you"));
        return std::nullopt;
    }
    line.deviceName = parser.value(QStringLiteral("device-name"));
    if (parser.isSet(QStringLiteral("device-name")) && !parser.isSet(QStringLiteral("enroll"))) {
        fail(error, QStringLiteral("--device-name applies only with --enroll"));
        return std::nullopt;
    }
    const bool once = parser.isSet(QStringLiteral("once"));
    const bool follow = parser.isSet(QStringLiteral("follow"));
    if (once && follow) {
        fail(error, QStringLiteral("--once and --follow exclude each other"));
        return std::nullopt;
    }
    line.syncMode = follow          ? SyncMode::Follow
        : once                      ? SyncMode::Once
        : line.enrollCode.isEmpty() ? SyncMode::Once
                                    : SyncMode::EnrollOnly;
    return line;
}

} // namespace callsnare::cli
