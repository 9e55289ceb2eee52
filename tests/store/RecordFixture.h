#pragma once

// What the record repository tests share: a fresh profile per test function
// with two organizations (A and B), each with one contact and one lead stored
// through their own repositories.

#include "store/ContactRepository.h"
#include "store/LeadRepository.h"
#include "store/OrganizationRepository.h"
#include "store/Profile.h"

#include "QtTimeZoneConverter.h"

#include <QDir>
#include <QSqlDatabase>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace recordtest {

using namespace callsnare;

inline const QString kOrgA = QStringLiteral("org-a");
inline const QString kOrgB = QStringLiteral("org-b");

inline QString leadOf(const QString& org)
{
    return QStringLiteral("lead-") + org;
}

inline bool seedOrganization(const QSqlDatabase& db, const QString& org, QString* error)
{
    domain::Organization organization;
    organization.id = org.toStdString();
    organization.name = "HVAC " + organization.id;
    organization.timeZone = "America/Chicago";

    const domain::Contact contact{
        .id = "contact-" + organization.id,
        .orgId = organization.id,
        .phone = domain::PhoneNumber::parse(org == kOrgA ? "+15125551001" : "+15125552002").value(),
        .name = "Pat Homeowner",
        .optOut = {},
        .timeZoneOverride = std::nullopt};
    const domain::Lead lead = domain::Lead::missed(leadOf(org).toStdString(), organization.id, contact.id,
                                                   utc("2026-03-08T14:00:00Z"));
    return store::OrganizationRepository(db).save(organization, error)
        && store::ContactRepository(db, org).save(contact, error)
        && store::LeadRepository(db, org).insert(lead, error);
}

// One profile file at a time, in the test's temporary directory.
class ProfileUnderTest {
public:
    // A new profile (a new file each time) with organizations A and B.
    bool create(QString* error)
    {
        if (!m_dir) {
            const QString base = qEnvironmentVariable("CALLSNARE_TEST_TMPDIR", QDir::tempPath());
            m_dir = std::make_unique<QTemporaryDir>(base + QStringLiteral("/records-XXXXXX"));
        }
        m_profile.reset();
        m_path = m_dir->filePath(QStringLiteral("profile-%1.callsnare").arg(++m_count));
        m_profile = store::Profile::create(m_path, passphrase(), error);
        return m_profile && seedOrganization(db(), kOrgA, error) && seedOrganization(db(), kOrgB, error);
    }

    // Closes the file and opens it again: what survives is what was stored.
    bool reopen(QString* error)
    {
        m_profile.reset();
        m_profile = store::Profile::open(m_path, passphrase(), store::Profile::Access::ReadWrite, error);
        return m_profile != nullptr;
    }

    void close() { m_profile.reset(); }
    QSqlDatabase db() const { return m_profile->database(); }

private:
    static QString passphrase() { return QStringLiteral("records test passphrase"); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::Profile> m_profile;
    QString m_path;
    int m_count = 0;
};

} // namespace recordtest
