#include "cli/ProfileCommands.h"

#include "cli/LeadCommands.h"
#include "cli/PassphraseInput.h"
#include "cli/SyncCommand.h"
#include "store/DemoImport.h"
#include "store/OrganizationRepository.h"
#include "store/Profile.h"
#include "store/SearchIndex.h"
#include "store/TableCounts.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <algorithm>
#include <memory>

namespace callsnare::cli {

namespace {

using store::Profile;

// Wipes a passphrase when it goes out of scope, whatever path the command takes.
class Secret {
public:
    Secret() = default;
    ~Secret() { PassphraseInput::wipe(m_value); }
    Secret(const Secret&) = delete;
    Secret& operator=(const Secret&) = delete;

    QString* get() { return &m_value; }
    const QString& value() const { return m_value; }

private:
    QString m_value;
};

QString shown(const QString& path)
{
    return QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath());
}

QString kindName(store::SearchKind kind)
{
    switch (kind) {
    case store::SearchKind::Message:
        return QStringLiteral("message");
    case store::SearchKind::Note:
        return QStringLiteral("note");
    case store::SearchKind::Contact:
        return QStringLiteral("contact");
    }
    return {};
}

QString grouped(qint64 value)
{
    return QLocale(QLocale::English).toString(value);
}

} // namespace

ProfileCommands::ProfileCommands(QTextStream& out, QTextStream& err) : m_out(out), m_err(err)
{
}

ExitCode ProfileCommands::run(const QStringList& arguments)
{
    // The store logs for developers; the tool's own output is its results and
    // one line per failure. QT_LOGGING_RULES still turns logging back on.
    QLoggingCategory::setFilterRules(QStringLiteral("callsnare.*=false"));

    QString error;
    const auto line = CommandLine::parse(arguments, &error);
    if (!line) {
        return usageError(error);
    }
    m_line = *line;
    switch (m_line.command) {
    case CommandLine::Command::Help:
        m_out << CommandLine::helpText();
        m_out.flush();
        return ExitCode::Success;
    case CommandLine::Command::Init:
        return init();
    case CommandLine::Command::ImportDemo:
        return importDemo();
    case CommandLine::Command::Stats:
        return stats();
    case CommandLine::Command::Search:
        return search();
    case CommandLine::Command::Rekey:
        return rekey();
    case CommandLine::Command::Sync:
        return sync();
    case CommandLine::Command::LeadList:
    case CommandLine::Command::LeadShow:
        return lead();
    }
    return usageError(QStringLiteral("unknown command"));
}

ExitCode ProfileCommands::init()
{
    Secret passphrase;
    QString error;
    if (!readPassphrase(passphrase.get(), &error)) {
        return failed(error);
    }
    const auto profile = Profile::create(m_line.dbPath, passphrase.value(), &error);
    if (!profile) {
        return failed(error);
    }
    m_out << "Created the profile " << shown(m_line.dbPath) << " (schema version " << profile->schemaVersion()
          << ").\n";
    m_out.flush();
    return ExitCode::Success;
}

ExitCode ProfileCommands::importDemo()
{
    QString error;
    const auto profile = openProfile(Profile::Access::ReadWrite, &error);
    if (!profile) {
        return failed(error);
    }
    store::DemoImport import(profile->database());
    store::DemoImportReport report;
    if (!import.run(m_line.seed, m_line.leads, &report, &error)) {
        return failed(
            QStringLiteral("the demo leads were not imported (the profile is unchanged): %1").arg(error));
    }
    m_out << "Imported " << grouped(report.leadsAdded) << " demo leads for " << report.orgName << " ("
          << grouped(report.rows) << " rows in "
          << QString::number(static_cast<double>(report.elapsedMs) / 1000.0, 'f', 2) << " s, "
          << grouped(static_cast<qint64>(report.rowsPerSecond())) << " rows/s); the organization now has "
          << grouped(report.leadsBefore + report.leadsAdded) << " leads.\n";
    m_out.flush();
    return ExitCode::Success;
}

ExitCode ProfileCommands::stats()
{
    QString error;
    const auto profile = openProfile(Profile::Access::ReadOnly, &error);
    if (!profile) {
        return failed(error);
    }
    store::TableCounts::Counts counts;
    if (!store::TableCounts::count(profile->database(), &counts, &error)) {
        return failed(error);
    }
    if (m_line.json) {
        QJsonObject object;
        for (const auto& [table, rows] : counts) {
            object.insert(table, rows);
        }
        m_out << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else {
        qsizetype width = 0;
        for (const auto& count : counts) {
            width = std::max(width, count.first.size());
        }
        for (const auto& [table, rows] : counts) {
            m_out << table.leftJustified(width + 2) << grouped(rows).rightJustified(12) << '\n';
        }
    }
    m_out.flush();
    return ExitCode::Success;
}

ExitCode ProfileCommands::search()
{
    QString error;
    const auto profile = openProfile(Profile::Access::ReadOnly, &error);
    if (!profile) {
        return failed(error);
    }
    std::vector<domain::Organization> organizations;
    if (!store::OrganizationRepository(profile->database()).list(&organizations, &error)) {
        return failed(error);
    }
    // Every organization of the profile, best hits first overall.
    struct Hit {
        QString orgName;
        store::SearchHit hit;
    };
    std::vector<Hit> hits;
    for (const auto& org : organizations) {
        const store::SearchIndex index(profile->database(), QString::fromStdString(org.id));
        const auto found = index.search(m_line.searchText, m_line.limit, &error);
        if (!error.isEmpty()) {
            return failed(error);
        }
        for (const auto& hit : found) {
            hits.push_back({QString::fromStdString(org.name), hit});
        }
    }
    std::stable_sort(hits.begin(), hits.end(),
                     [](const Hit& a, const Hit& b) { return a.hit.rank > b.hit.rank; });
    if (hits.size() > static_cast<std::size_t>(m_line.limit)) {
        hits.resize(static_cast<std::size_t>(m_line.limit));
    }

    if (m_line.json) {
        QJsonArray array;
        for (const auto& [orgName, hit] : hits) {
            array.append(QJsonObject{{QStringLiteral("kind"), kindName(hit.kind)},
                                     {QStringLiteral("id"), hit.refId},
                                     {QStringLiteral("leadId"), hit.leadId},
                                     {QStringLiteral("organization"), orgName},
                                     {QStringLiteral("rank"), hit.rank},
                                     {QStringLiteral("snippet"), hit.snippet}});
        }
        m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else if (hits.empty()) {
        m_out << "No matches for \"" << m_line.searchText << "\".\n";
    } else {
        for (const auto& [orgName, hit] : hits) {
            // The lead a text or note is on; a contact stands for itself.
            m_out << kindName(hit.kind).leftJustified(8)
                  << QString::number(hit.rank, 'f', 3).rightJustified(8) << "  "
                  << (hit.leadId.isEmpty() ? hit.refId : hit.leadId) << "  " << hit.snippet << '\n';
        }
    }
    m_out.flush();
    return ExitCode::Success;
}

ExitCode ProfileCommands::rekey()
{
    QString error;
    const auto profile = openProfile(Profile::Access::ReadWrite, &error);
    if (!profile) {
        return failed(error);
    }
    Secret newPassphrase;
    if (!readNewPassphrase(newPassphrase.get(), &error)) {
        return failed(error);
    }
    if (!profile->changePassphrase(newPassphrase.value(), &error)) {
        return failed(error);
    }
    m_out << "Changed the passphrase of " << shown(m_line.dbPath) << ".\n";
    m_out.flush();
    return ExitCode::Success;
}

std::unique_ptr<Profile> ProfileCommands::openProfile(Profile::Access access, QString* error) const
{
    Secret passphrase;
    if (!readPassphrase(passphrase.get(), error)) {
        return nullptr;
    }
    return Profile::open(m_line.dbPath, passphrase.value(), access, error);
}

ExitCode ProfileCommands::sync()
{
    QString error;
    const auto profile = openProfile(Profile::Access::ReadWrite, &error);
    if (!profile) {
        return failed(error);
    }
    if (!SyncCommand(profile->database(), m_line, m_out).run(&error)) {
        return failed(error);
    }
    return ExitCode::Success;
}

ExitCode ProfileCommands::lead()
{
    QString error;
    const auto profile = openProfile(Profile::Access::ReadOnly, &error);
    if (!profile) {
        return failed(error);
    }
    LeadCommands commands(profile->database(), m_out);
    const bool done = m_line.command == CommandLine::Command::LeadList ? commands.list(m_line.limit, &error)
                                                                       : commands.show(m_line.leadId, &error);
    return done ? ExitCode::Success : failed(error);
}

bool ProfileCommands::readPassphrase(QString* passphrase, QString* error) const
{
    if (!m_line.passphraseFile.isEmpty()) {
        return PassphraseInput::fromFile(m_line.passphraseFile, passphrase, error);
    }
    if (PassphraseInput::fromEnvironment(passphrase)) {
        return true;
    }
    return PassphraseInput::prompt(QStringLiteral("Passphrase for %1: ").arg(shown(m_line.dbPath)),
                                   passphrase, error);
}

bool ProfileCommands::readNewPassphrase(QString* passphrase, QString* error) const
{
    if (!m_line.newPassphraseFile.isEmpty()) {
        return PassphraseInput::fromFile(m_line.newPassphraseFile, passphrase, error);
    }
    Secret again;
    if (!PassphraseInput::prompt(QStringLiteral("New passphrase: "), passphrase, error)
        || !PassphraseInput::prompt(QStringLiteral("New passphrase again: "), again.get(), error)) {
        return false;
    }
    if (*passphrase != again.value()) {
        PassphraseInput::wipe(*passphrase);
        if (error) {
            *error = QStringLiteral("the two new passphrases differ; nothing was changed");
        }
        return false;
    }
    return true;
}

ExitCode ProfileCommands::failed(const QString& reason)
{
    // One line, whatever the reason's text holds.
    QString oneLine = reason.simplified();
    m_err << "callsnare-cli: " << oneLine << '\n';
    m_err.flush();
    return ExitCode::Failure;
}

ExitCode ProfileCommands::usageError(const QString& reason)
{
    failed(reason);
    return ExitCode::UsageError;
}

} // namespace callsnare::cli
