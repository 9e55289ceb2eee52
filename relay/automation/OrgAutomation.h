#pragma once

#include "domain/AutomationTexts.h"
#include "domain/Organization.h"
#include "domain/PhoneNumber.h"
#include "domain/Result.h"
#include "protocol/BusinessHoursWire.h"
#include "relay/storage/SqlDialect.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Poco::Data {
class Session;
}

namespace callsnare::relay {

// What automation needs to know about one organization: the org itself
// (zone, business hours and holidays as the owner set them, quiet hours,
// billing, templates, reminder offsets) and the per-org automation
// settings. Read inside the transaction that acts on it, so a decision and the
// settings it read commit together.
struct OrgAutomation {
    domain::Organization org;
    // The carrier number confirms STOP/START and answers HELP itself (Twilio
    // Advanced Opt-Out): we must not send a second confirmation.
    bool advancedOptOut = false;
    std::optional<domain::PhoneNumber> onCallNumber;
    std::vector<domain::IntakeQuestion> intakeQuestions;
    // How long a reply may wait for a human answer (the desktops' inbox nudges).
    std::int64_t responseTargetMinutes = 5;

    // The org's text for a template, else the product's default.
    std::string_view templateText(std::string_view name) const;
    // The template rendered with the org's values (company, office_phone) and
    // `firstName`; unknown or broken templates fall back to the default text.
    std::string render(std::string_view templateName, std::string_view firstName = {}) const;
};

// Settings an operator changes with `callsnare-relay admin automation set`.
// Unset fields are left as they are.
struct AutomationChange {
    std::optional<bool> advancedOptOut;
    std::optional<std::optional<domain::PhoneNumber>> onCallNumber; // inner nullopt: clear
    std::optional<std::vector<domain::IntakeQuestion>> intakeQuestions; // empty: no questions
    std::vector<std::pair<std::string, std::string>> templates; // name -> text
    // Quiet hours as minutes after midnight (start == end: none), and the policy.
    std::optional<std::pair<int, int>> quietHours;
    std::optional<domain::QuietHoursPolicy> quietPolicy;
    std::optional<std::string> timeZone; // IANA; the caller checks it exists
    std::optional<int> dedupeWindowMinutes;
    // Each replaces the whole week or list (checked by protocol::checkSettingsChange).
    std::optional<protocol::WeeklyHours> businessHours;
    std::optional<std::vector<std::chrono::year_month_day>> holidays;
    std::optional<std::vector<std::int64_t>> reminderOffsetsMinutes;
    std::optional<std::int64_t> responseTargetMinutes;
};

class OrgAutomationRecords {
public:
    explicit OrgAutomationRecords(SqlDialect dialect) : m_dialect(dialect) { }

    // nullopt when the organization does not exist. Throws Poco::Exception.
    std::optional<OrgAutomation> load(Poco::Data::Session& session, std::string_view orgId) const;
    // The same, read once per writer transaction: on the writer's session
    // later units of the transaction share what the first one read, until a
    // unit changes the settings (apply(), billing, numbers: they call
    // StatementCache::forgetReads). nullptr when the organization does not
    // exist.
    std::shared_ptr<const OrgAutomation> loadShared(Poco::Data::Session& session,
                                                    std::string_view orgId) const;

    // Applies the change (inside a writer unit). Errors: unknown org, a
    // template that does not parse, an intake question without key or text,
    // quiet hours or a dedupe window out of range, business hours the domain
    // refuses, a reminder offset that is not positive. The caller publishes the
    // new settings (OrgSettingsRecords::publish).
    domain::Result<void> apply(Poco::Data::Session& session, std::string_view orgId,
                               const AutomationChange& change, domain::Instant at) const;

    // Intake questions as stored: a JSON array of {"key", "text"}.
    static std::string questionsToJson(const std::vector<domain::IntakeQuestion>& questions);
    static domain::Result<std::vector<domain::IntakeQuestion>> questionsFromJson(std::string_view json);

private:
    std::string sql(std::string_view text) const { return portableSql(m_dialect, text); }

    SqlDialect m_dialect;
};

} // namespace callsnare::relay
