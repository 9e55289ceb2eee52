#include "relay/automation/OrgSettingsRecords.h"

#include "domain/AutomationTexts.h"
#include "domain/Organization.h"
#include "protocol/JsonFields.h"
#include "relay/automation/OrgAutomation.h"
#include "relay/storage/EventLog.h"

#include <Poco/Data/Session.h>
#include <Poco/Exception.h>

using namespace Poco::Data::Keywords;

namespace callsnare::relay {

std::optional<protocol::OrgSettings> OrgSettingsRecords::snapshot(Poco::Data::Session& session,
                                                                  std::string_view orgId) const
{
    const auto automation = OrgAutomationRecords(m_dialect).load(session, orgId);
    if (!automation) {
        return std::nullopt;
    }
    std::string org(orgId);
    std::vector<Poco::Int64> versions;
    session << sql("SELECT settings_version FROM organizations WHERE id = ?"), use(org), into(versions), now;
    if (versions.empty()) {
        return std::nullopt;
    }
    const domain::Organization& o = automation->org;
    protocol::OrgSettings settings;
    settings.timeZone = o.timeZone;
    settings.quietStartMinutes = o.quietHours.start.count();
    settings.quietEndMinutes = o.quietHours.end.count();
    settings.quietPolicy = o.quietHours.policy == domain::QuietHoursPolicy::Skip ? "skip" : "defer";
    settings.dedupeWindowMinutes = o.dedupeWindow.count();
    for (const std::string_view name : domain::AutomationTemplateNames) {
        if (const std::string_view text = automation->templateText(name); !text.empty()) {
            settings.templates.emplace(std::string(name), std::string(text));
        }
    }
    for (const auto& [name, text] : o.templates) {
        settings.templates.try_emplace(name, text);
    }
    settings.intakeQuestions = automation->intakeQuestions;
    if (automation->onCallNumber) {
        settings.onCallNumber = automation->onCallNumber->e164();
    }
    for (unsigned day = 0; day < 7; ++day) {
        settings.businessHours[day] = o.hours.day(std::chrono::weekday{day});
    }
    settings.holidays = o.hours.holidays();
    settings.reminderOffsetsMinutes.clear();
    for (const auto offset : o.reminderOffsets) {
        settings.reminderOffsetsMinutes.push_back(offset.count());
    }
    settings.responseTargetMinutes = automation->responseTargetMinutes;
    settings.version = versions.front();
    return settings;
}

domain::Result<protocol::OrgSettings> OrgSettingsRecords::change(Poco::Data::Session& session,
                                                                 std::string_view orgId,
                                                                 const protocol::SettingsChange& change,
                                                                 domain::Instant at) const
{
    const auto current = snapshot(session, orgId);
    if (!current) {
        return domain::makeError("unknown_organization",
                                 "No organization has the id " + std::string(orgId) + ".");
    }
    AutomationChange write;
    if (change.quietStartMinutes || change.quietEndMinutes) {
        // One end may change alone; the other keeps its value.
        write.quietHours
            = std::make_pair(static_cast<int>(change.quietStartMinutes.value_or(current->quietStartMinutes)),
                             static_cast<int>(change.quietEndMinutes.value_or(current->quietEndMinutes)));
    }
    if (change.quietPolicy) {
        write.quietPolicy = *change.quietPolicy == "skip" ? domain::QuietHoursPolicy::Skip
                                                          : domain::QuietHoursPolicy::Defer;
    }
    write.timeZone = change.timeZone;
    if (change.dedupeWindowMinutes) {
        write.dedupeWindowMinutes = static_cast<int>(*change.dedupeWindowMinutes);
    }
    for (const auto& [name, text] : change.templates) {
        write.templates.emplace_back(name, text);
    }
    write.intakeQuestions = change.intakeQuestions;
    if (change.onCallNumber) {
        write.onCallNumber = std::optional<domain::PhoneNumber>();
        if (*change.onCallNumber) {
            auto number = domain::PhoneNumber::parse(**change.onCallNumber);
            if (!number) {
                return number.error();
            }
            write.onCallNumber = number.value();
        }
    }
    write.businessHours = change.businessHours;
    write.holidays = change.holidays;
    write.reminderOffsetsMinutes = change.reminderOffsetsMinutes;
    write.responseTargetMinutes = change.responseTargetMinutes;
    if (auto applied = OrgAutomationRecords(m_dialect).apply(session, orgId, write, at); !applied) {
        return applied.error();
    }
    return publish(session, orgId, Version::Moved, at);
}

protocol::OrgSettings OrgSettingsRecords::publish(Poco::Data::Session& session, std::string_view orgId,
                                                  Version version, domain::Instant at) const
{
    std::string org(orgId);
    if (version == Version::Moved) {
        session << sql("UPDATE organizations SET settings_version = settings_version + 1 WHERE id = ?"),
            use(org), now;
    }
    auto settings = snapshot(session, orgId);
    if (!settings) {
        throw Poco::Data::DataException("the organization " + org + " vanished while its settings changed");
    }
    const auto seq = EventLog(m_dialect).append(
        session, orgId, "org.settings", protocol::stringify(*protocol::encodeOrgSettings(*settings)), at);
    if (!seq) {
        throw Poco::Data::DataException(seq.error().message);
    }
    return std::move(*settings);
}

} // namespace callsnare::relay
