#pragma once

// The fixture of the core repository suites: a fresh profile per case with
// org A and org B, each holding a contact and a lead.

#include "QtTimeZoneConverter.h"

#include "store/CallEventRepository.h"
#include "store/ContactRepository.h"
#include "store/LeadRepository.h"
#include "store/MessageRepository.h"
#include "store/NoteRepository.h"
#include "store/OrganizationRepository.h"
#include "store/Profile.h"
#include "store/SearchIndex.h"
#include "store/StoreSql.h"

#include <QDir>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace callsnare;
using namespace callsnare::store;
using std::chrono::hours;
using std::chrono::minutes;

Q_DECLARE_METATYPE(callsnare::domain::DeliveryStatus)

namespace repository_fixture {

inline const QString kOrgA = QStringLiteral("org-a");
inline const QString kOrgB = QStringLiteral("org-b");

inline domain::PhoneNumber phone(const char* text)
{
    return domain::PhoneNumber::parse(text).value();
}

inline domain::Organization organization(const QString& id, const char* name)
{
    domain::Organization org;
    org.id = id.toStdString();
    org.name = name;
    org.timeZone = "America/Chicago";
    return org;
}

inline domain::Contact contact(const QString& orgId, const char* id, const char* number, const char* name)
{
    return domain::Contact{.id = id,
                           .orgId = orgId.toStdString(),
                           .phone = phone(number),
                           .name = name,
                           .optOut = {},
                           .timeZoneOverride = std::nullopt};
}

inline domain::Message message(const QString& orgId, const char* id, const char* leadId,
                               domain::Direction direction, const char* body, const char* at)
{
    domain::Message m;
    m.id = id;
    m.orgId = orgId.toStdString();
    m.leadId = leadId;
    m.direction = direction;
    m.author = direction == domain::Direction::Inbound ? domain::MessageAuthor::Homeowner
                                                       : domain::MessageAuthor::Automation;
    m.body = body;
    m.status = direction == domain::Direction::Inbound ? domain::DeliveryStatus::Received
                                                       : domain::DeliveryStatus::Queued;
    m.createdAt = utc(at);
    return m;
}

inline domain::CallEvent call(const QString& orgId, const char* id, const char* callSid, const char* leadId,
                              const char* at)
{
    return domain::CallEvent{.id = id,
                             .orgId = orgId.toStdString(),
                             .leadId = leadId,
                             .carrier = "twilio",
                             .carrierCallId = callSid,
                             .from = phone("+15125550142"),
                             .to = phone("+15125550100"),
                             .outcome = domain::CallOutcome::Missed,
                             .carrierStatus = "no-answer",
                             .occurredAt = utc(at)};
}

inline qint64 count(const QSqlDatabase& db, const QString& sql, const QVariantList& values = {})
{
    QSqlQuery query(db);
    QString error;
    if (!execute(query, sql, values, &error) || !query.next()) {
        qWarning() << error;
        return -1;
    }
    return query.value(0).toLongLong();
}

inline bool sameHours(const domain::BusinessHours& a, const domain::BusinessHours& b)
{
    for (unsigned day = 0; day < 7; ++day) {
        if (a.day(std::chrono::weekday{day}) != b.day(std::chrono::weekday{day})) {
            return false;
        }
    }
    auto holidaysA = a.holidays();
    auto holidaysB = b.holidays();
    std::sort(holidaysA.begin(), holidaysA.end());
    std::sort(holidaysB.begin(), holidaysB.end());
    return holidaysA == holidaysB;
}

} // namespace repository_fixture

using namespace repository_fixture;

class RepositoryTestCase : public QObject {

protected:
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<Profile> m_profile;
    QSqlDatabase m_db;
    int m_count = 0;

    // org A and org B, each with a contact and a lead on it.
    void seed()
    {
        QString error;
        OrganizationRepository orgs(m_db);
        QVERIFY2(orgs.save(organization(kOrgA, "Polar Air"), &error), qPrintable(error));
        QVERIFY2(orgs.save(organization(kOrgB, "Blaze Heating"), &error), qPrintable(error));
        for (const QString& org : {kOrgA, kOrgB}) {
            const std::string prefix = org.toStdString();
            ContactRepository contacts(m_db, org);
            QVERIFY2(
                contacts.save(contact(org, (prefix + "-contact").c_str(), "+15125550142", "Dana Whitfield"),
                              &error),
                qPrintable(error));
            LeadRepository leads(m_db, org);
            QVERIFY2(leads.insert(domain::Lead::missed(prefix + "-lead", prefix, prefix + "-contact",
                                                       utc("2026-01-12T15:00:00Z")),
                                  &error),
                     qPrintable(error));
        }
    }

    LeadRecord lead(const QString& org, const QString& id)
    {
        QString error;
        const auto record = LeadRepository(m_db, org).find(id, &error);
        if (!record) {
            qWarning() << "no lead" << id << error;
            return {};
        }
        return *record;
    }

protected:
    void setUpSuite()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString base = qEnvironmentVariable("CALLSNARE_TEST_TMPDIR", QDir::tempPath());
        m_tmp = std::make_unique<QTemporaryDir>(base + QStringLiteral("/repositories-XXXXXX"));
        QVERIFY2(m_tmp->isValid(), qPrintable(m_tmp->errorString()));
    }

    void setUpCase()
    {
        QString error;
        m_profile = Profile::create(m_tmp->filePath(QStringLiteral("case-%1.callsnare").arg(++m_count)),
                                    QStringLiteral("repository tests"), &error);
        QVERIFY2(m_profile, qPrintable(error));
        m_db = m_profile->database();
        seed();
    }

    void tearDownCase()
    {
        m_db = QSqlDatabase();
        m_profile.reset();
    }
};
