#pragma once

#include "domain/AutomationTexts.h"
#include "domain/BusinessHours.h"
#include "domain/PhoneNumber.h"
#include "domain/QuietHours.h"

#include <QSqlDatabase>
#include <QString>
#include <QtGlobal>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace callsnare::store {

// The organization's settings as the relay has them: what the automation
// does and what the owner's settings screen edits.
struct OrgSettingsRecord {
    std::string timeZone;
    domain::QuietHours quietHours;
    std::chrono::minutes dedupeWindow{std::chrono::hours{24}};
    std::map<std::string, std::string, std::less<>> templates; // name -> text
    std::vector<domain::IntakeQuestion> intakeQuestions;
    std::optional<domain::PhoneNumber> onCallNumber;
    domain::BusinessHours hours
        = domain::BusinessHours::weekdays(std::chrono::hours{8}, std::chrono::hours{17});
    std::vector<std::chrono::minutes> reminderOffsets{std::chrono::hours{24}, std::chrono::hours{2}};
    // A reply waiting longer than this for a human answer nudges the inbox.
    std::chrono::minutes responseTarget{5};
    qint64 version = 0; // the relay's settings version held here; 0: none yet
};

// One organization's settings in the profile (organizations: time zone, quiet
// hours, dedupe window, on-call number, intake questions, reminder offsets,
// response target, settings_version; templates: the texts; business_hours and
// holidays: the schedule). The organization's row must exist (enrollment makes
// it). Failures return false / nullopt with a readable sentence in `error`.
class OrgSettingsRepository {
public:
    OrgSettingsRepository(QSqlDatabase db, QString orgId);

    // nullopt with an empty `error`: the profile has no such organization.
    std::optional<OrgSettingsRecord> find(QString* error) const;

    // The relay's settings (an org.settings event, a conflict's current
    // state) at `settings.version`: written when the stored version is not
    // newer (the stored settings at the same version may be this desktop's
    // own optimistic edit, which the relay's word supersedes; the same
    // snapshot again writes the same values); an older snapshot changes
    // nothing. `written` says whether. Templates are replaced as a whole.
    bool saveRelayVersion(const OrgSettingsRecord& settings, bool* written, QString* error);

    // An owner's edit made on version `expectedVersion`, ahead of the relay:
    // refused when the stored version differs; otherwise the values change
    // and the version goes up by one, as the relay's will when it applies the
    // edit. Templates named in `settings` are replaced, others kept.
    bool saveLocal(const OrgSettingsRecord& settings, qint64 expectedVersion, QString* error);

private:
    bool write(const OrgSettingsRecord& settings, bool replaceTemplates, QString* error);
    bool writeSchedule(const domain::BusinessHours& hours, QString* error);
    bool readSchedule(OrgSettingsRecord* settings, QString* error) const;
    bool storedVersion(qint64* version, QString* error) const;

    QSqlDatabase m_db;
    QString m_orgId;
};

} // namespace callsnare::store
