#include "cli/SyncCommand.h"

#include "client/SyncClient.h"
#include "store/OrganizationRepository.h"
#include "store/SyncStateRepository.h"

#include <QEventLoop>
#include <QSysInfo>
#include <QTimer>
#include <QUrl>

namespace callsnare::cli {

using syncclient::SyncClient;

SyncCommand::SyncCommand(QSqlDatabase db, const CommandLine& line, QTextStream& out)
    : m_db(std::move(db)), m_line(line), m_out(out)
{
}

bool SyncCommand::enrolledOrg(QString* orgId, QString* error) const
{
    std::vector<store::SyncStateRepository::Enrollment> enrollments;
    if (!store::SyncStateRepository::enrollments(m_db, &enrollments, error)) {
        return false;
    }
    const QString wanted = SyncClient::normalizedRelayUrl(QUrl(m_line.relayUrl));
    QStringList matching;
    for (const auto& enrollment : enrollments) {
        if (enrollment.relayUrl == wanted) {
            matching << enrollment.orgId;
        }
    }
    if (matching.isEmpty()) {
        *error = QStringLiteral(
                     "this profile is not enrolled with %1; run \"callsnare-cli sync\" with --enroll CODE "
                     "first")
                     .arg(wanted);
        return false;
    }
    if (matching.size() > 1) {
        *error = QStringLiteral(
                     "this profile is enrolled with %1 for several organizations (%2); this version syncs "
                     "one organization per relay")
                     .arg(wanted, matching.join(QStringLiteral(", ")));
        return false;
    }
    *orgId = matching.first();
    return true;
}

bool SyncCommand::run(QString* error)
{
    SyncClient client(m_db);
    QEventLoop loop;
    bool ok = true;
    QObject::connect(&client, &SyncClient::failed, &loop, [&](const QString& why) {
        ok = false;
        *error = why;
        loop.quit();
    });

    if (!m_line.enrollCode.isEmpty()) {
        QObject::connect(
            &client, &SyncClient::enrolled, &loop,
            [&](const QString& orgId, const QString& orgName, const QString&, const QString& status) {
                m_out << "Enrolled with " << orgName << " (" << orgId << ") at "
                      << SyncClient::normalizedRelayUrl(QUrl(m_line.relayUrl)) << "; " << status << ".\n";
                m_out.flush();
                loop.quit();
            });
        const QString deviceName
            = m_line.deviceName.isEmpty() ? QSysInfo::machineHostName() : m_line.deviceName;
        // Started from inside the loop: the client may answer at once.
        QTimer::singleShot(0, &client,
                           [&] { client.enroll(QUrl(m_line.relayUrl), m_line.enrollCode, deviceName); });
        loop.exec();
        if (!ok || m_line.syncMode == CommandLine::SyncMode::EnrollOnly) {
            return ok;
        }
    } else {
        QString orgId;
        if (!enrolledOrg(&orgId, error)) {
            return false;
        }
        QObject::connect(&client, &SyncClient::ready, &loop, &QEventLoop::quit);
        QTimer::singleShot(0, &client, [&] { client.open(orgId); });
        loop.exec();
        if (!ok) {
            return false;
        }
    }

    if (m_line.syncMode == CommandLine::SyncMode::Follow) {
        QObject::connect(&client, &SyncClient::eventsApplied, &loop, [&](int count, qint64 cursor) {
            m_out << "Applied " << count << " events (cursor " << cursor << ").\n";
            m_out.flush();
        });
        QObject::connect(&client, &SyncClient::onlineChanged, &loop, [&](bool online) {
            m_out << (online ? "Connected to the relay.\n" : "The relay is unreachable; retrying.\n");
            m_out.flush();
        });
        QObject::connect(&client, &SyncClient::conflictRecorded, &loop,
                         [&](const QString&, const QString& kind, int status, const QString& message) {
                             m_out << "Not applied by the relay (" << status << ") " << kind << ": "
                                   << message << "\n";
                             m_out.flush();
                         });
        QTimer::singleShot(0, &client, [&] { client.follow(); });
        loop.exec(); // until a failure the client cannot retry, or the process is stopped
        return ok;
    }

    QObject::connect(&client, &SyncClient::roundFinished, &loop, &QEventLoop::quit);
    QTimer::singleShot(0, &client, [&] { client.syncOnce(); });
    loop.exec();
    if (!ok) {
        return false;
    }
    qint64 cursor = 0;
    qint64 outboxLeft = 0;
    qint64 conflicts = 0;
    if (!client.progress(&cursor, &outboxLeft, &conflicts, error)) {
        return false;
    }
    const SyncClient::Totals totals = client.totals();
    m_out << "Synced " << client.orgId() << " with " << SyncClient::normalizedRelayUrl(client.relayUrl())
          << ": " << totals.eventsApplied << " events applied, cursor " << cursor << ", "
          << totals.mutationsApplied << " changes sent, " << outboxLeft << " left in the outbox, "
          << conflicts << " open conflicts.\n";
    m_out.flush();
    return true;
}

} // namespace callsnare::cli
