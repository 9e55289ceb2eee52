#include "relay/automation/OrgAutomation.h"

#include "domain/MessageTemplate.h"
#include "protocol/JsonFields.h"
#include "relay/storage/StatementCache.h"

#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Nullable.h>

#include <sstream>

using namespace Poco::Data::Keywords;

namespace callsnare::relay {

namespace {

void readTemplates(std::string_view json, domain::Organization& org)
{
    if (json.empty()) {
        return;
    }
    Poco::JSON::Parser parser;
    const auto object = parser.parse(std::string(json)).extract<Poco::JSON::Object::Ptr>();
    for (const auto& [name, value] : *object) {
        org.templates[name] = value.convert<std::string>();
    }
}

std::string arrayJson(const Poco::JSON::Array::Ptr& array)
{
    std::ostringstream out;
    array->stringify(out);
    return out.str();
}

Poco::JSON::Array::Ptr parseArray(std::string_view json)
{
    Poco::JSON::Parser parser;
    return parser.parse(std::string(json)).extract<Poco::JSON::Array::Ptr>();
}

// The stored schedule (wire JSON, checked when written); an empty column is
// the product's default. A row that no longer reads (edited by hand) keeps
// the default: the automation must still answer the call.
void readSchedule(std::string_view hoursJson, std::string_view holidaysJson, domain::Organization& org)
{
    protocol::JsonFields fields(new Poco::JSON::Object, "organizations." + org.id);
    auto weekly = protocol::defaultWeeklyHours();
    std::vector<std::chrono::year_month_day> holidays;
    try {
        if (!hoursJson.empty()) {
            auto object = protocol::parseObject(hoursJson, "business_hours");
            if (!object) {
                throw Poco::DataFormatException(object.error().message);
            }
            weekly = protocol::readWeeklyHours(fields, "business_hours", object.value());
        }
        if (!holidaysJson.empty()) {
            holidays = protocol::readHolidays(fields, "holidays", parseArray(holidaysJson));
        }
    } catch (const Poco::Exception& e) {
        fields.reject("business_hours", e.displayText());
    }
    if (!fields.ok()) {
        return;
    }
    if (auto hours = domain::BusinessHours::create(weekly, std::move(holidays))) {
        org.hours = std::move(hours).value();
    }
}

void readOffsets(std::string_view json, domain::Organization& org)
{
    if (json.empty()) {
        return;
    }
    protocol::JsonFields fields(new Poco::JSON::Object, "organizations." + org.id);
    std::vector<std::int64_t> minutes;
    try {
        minutes = protocol::readMinutesList(fields, "reminder_offsets", parseArray(json));
    } catch (const Poco::Exception& e) {
        fields.reject("reminder_offsets", e.displayText());
    }
    if (!fields.ok()) {
        return;
    }
    org.reminderOffsets.clear();
    for (const std::int64_t offset : minutes) {
        org.reminderOffsets.push_back(std::chrono::minutes{offset});
    }
}

} // namespace

std::string_view OrgAutomation::templateText(std::string_view name) const
{
    const std::string_view own = org.templateText(name);
    return own.empty() ? domain::defaultTemplateText(name) : own;
}

std::string OrgAutomation::render(std::string_view templateName, std::string_view firstName) const
{
    domain::TemplateValues values;
    values["company"] = org.name;
    values["office_phone"] = org.officeNumber ? org.officeNumber->display() : std::string();
    values["first_name"] = std::string(firstName);
    for (const std::string_view text :
         {templateText(templateName), domain::defaultTemplateText(templateName)}) {
        auto parsed = domain::MessageTemplate::parse(text);
        if (!parsed) {
            continue;
        }
        for (const auto& name : parsed.value().placeholders()) {
            values.try_emplace(name, std::string());
        }
        if (auto rendered = parsed.value().render(values)) {
            return std::move(rendered).value();
        }
    }
    return std::string(templateText(templateName));
}

std::optional<OrgAutomation> OrgAutomationRecords::load(Poco::Data::Session& session,
                                                        std::string_view orgId) const
{
    // Every missed call and inbound text reads these: kept prepared on the writer's session.
    using Row = std::tuple<std::string, std::string, std::string, std::string, Poco::Int64, Poco::Int64,
                           Poco::Int64, std::string, Poco::Int64, std::string, Poco::Nullable<std::string>,
                           std::string, std::string, std::string, std::string, Poco::Int64>;
    const std::string org(orgId);
    std::vector<Row> rows;
    selectCached(session,
                 sql("SELECT o.name, o.time_zone, o.office_number, o.billing_state, o.dedupe_window_minutes, "
                     "o.quiet_start_minutes, o.quiet_end_minutes, o.quiet_policy, "
                     "COALESCE(a.advanced_opt_out, 0), COALESCE(a.on_call_number, ''), a.intake_questions, "
                     "COALESCE(a.templates, ''), COALESCE(o.business_hours, ''), COALESCE(o.holidays, ''), "
                     "COALESCE(o.reminder_offsets, ''), o.response_target_minutes FROM organizations o "
                     "LEFT JOIN org_automation a ON a.org_id = o.id WHERE o.id = ?"),
                 rows, org);
    if (rows.empty()) {
        return std::nullopt;
    }
    const auto& [name, zone, office, billing, dedupe, quietStart, quietEnd, policy, advancedOptOut, onCall,
                 questions, templates, hoursJson, holidaysJson, offsetsJson, responseTarget]
        = rows.front();
    OrgAutomation settings;
    domain::Organization& o = settings.org;
    o.id = org;
    o.name = name;
    o.timeZone = zone;
    if (auto officeNumber = domain::PhoneNumber::parse(office)) {
        o.officeNumber = officeNumber.value();
    }
    o.billing = domain::parseBillingState(billing).value_or(domain::BillingState::Trial);
    o.dedupeWindow = std::chrono::minutes{dedupe};
    o.quietHours.start = std::chrono::minutes{quietStart};
    o.quietHours.end = std::chrono::minutes{quietEnd};
    o.quietHours.policy = policy == "skip" ? domain::QuietHoursPolicy::Skip : domain::QuietHoursPolicy::Defer;
    settings.advancedOptOut = advancedOptOut != 0;
    if (auto onCallNumber = domain::PhoneNumber::parse(onCall)) {
        settings.onCallNumber = onCallNumber.value();
    }
    if (questions.isNull()) {
        const auto defaults = domain::defaultIntakeQuestions();
        settings.intakeQuestions.assign(defaults.begin(), defaults.end());
    } else if (auto parsed = questionsFromJson(questions.value())) {
        settings.intakeQuestions = std::move(parsed).value();
    }
    readTemplates(templates, o);
    readSchedule(hoursJson, holidaysJson, o);
    readOffsets(offsetsJson, o);
    settings.responseTargetMinutes = responseTarget;

    std::vector<std::string> numbers;
    selectCached(session, sql("SELECT e164 FROM org_numbers WHERE org_id = ? ORDER BY created_at, e164"),
                 numbers, org);
    for (const auto& number : numbers) {
        if (auto phone = domain::PhoneNumber::parse(number)) {
            o.numbers.push_back(phone.value());
        }
    }
    return settings;
}

std::shared_ptr<const OrgAutomation> OrgAutomationRecords::loadShared(Poco::Data::Session& session,
                                                                      std::string_view orgId) const
{
    StatementCache* cache = StatementCache::forSession(session);
    const std::string key = "org_automation:" + std::string(orgId);
    if (cache != nullptr) {
        if (auto kept = cache->keptRead<OrgAutomation>(key)) {
            return kept;
        }
    }
    auto loaded = load(session, orgId);
    if (!loaded) {
        return nullptr; // not kept: a unit may create the organization
    }
    auto shared = std::make_shared<const OrgAutomation>(std::move(*loaded));
    if (cache != nullptr) {
        cache->keepRead(key, shared);
    }
    return shared;
}

domain::Result<void> OrgAutomationRecords::apply(Poco::Data::Session& session, std::string_view orgId,
                                                 const AutomationChange& change, domain::Instant at) const
{
    // Later units of this transaction must read the settings as changed.
    StatementCache::forgetReads(session);
    std::string org(orgId);
    std::vector<std::string> found;
    std::vector<Poco::Nullable<std::string>> templateColumn;
    session << sql("SELECT o.id, a.templates FROM organizations o LEFT JOIN org_automation a "
                   "ON a.org_id = o.id WHERE o.id = ?"),
        use(org), into(found), into(templateColumn), now;
    if (found.empty()) {
        return domain::makeError("unknown_organization", "No organization has the id " + org + ".");
    }
    for (const auto& [name, body] : change.templates) {
        if (domain::defaultTemplateText(name).empty()) {
            return domain::makeError("unknown_template", "There is no template named '" + name + "'.");
        }
        auto parsed = domain::MessageTemplate::parse(body);
        if (!parsed) {
            return domain::makeError("invalid_template",
                                     "The template '" + name + "' does not parse: " + parsed.error().message);
        }
    }
    constexpr int minutesPerDay = 24 * 60;
    if (change.quietHours
        && (change.quietHours->first < 0 || change.quietHours->first >= minutesPerDay
            || change.quietHours->second < 0 || change.quietHours->second >= minutesPerDay)) {
        return domain::makeError("invalid_quiet_hours",
                                 "Quiet hours must lie within one day (0 to 1439 minutes).");
    }
    if (change.dedupeWindowMinutes && *change.dedupeWindowMinutes < 1) {
        return domain::makeError("invalid_dedupe_window", "The dedupe window must be at least one minute.");
    }
    if (change.businessHours || change.holidays) {
        if (auto hours = domain::BusinessHours::create(
                change.businessHours.value_or(protocol::WeeklyHours{}),
                change.holidays.value_or(std::vector<std::chrono::year_month_day>{}));
            !hours) {
            return hours.error();
        }
    }
    if (change.reminderOffsetsMinutes) {
        for (const std::int64_t offset : *change.reminderOffsetsMinutes) {
            if (offset < 1) {
                return domain::makeError("invalid_reminder_offset",
                                         "A reminder offset must be a positive number of minutes.");
            }
        }
    }
    if (change.responseTargetMinutes && *change.responseTargetMinutes < 1) {
        return domain::makeError("invalid_response_target",
                                 "The response target must be at least one minute.");
    }
    if (change.intakeQuestions) {
        for (const auto& question : *change.intakeQuestions) {
            if (question.key.empty() || question.text.empty()) {
                return domain::makeError("invalid_question", "Every intake question needs a key and a text.");
            }
        }
    }

    if (change.quietHours) {
        Poco::Int64 start = change.quietHours->first;
        Poco::Int64 end = change.quietHours->second;
        session << sql(
            "UPDATE organizations SET quiet_start_minutes = ?, quiet_end_minutes = ? WHERE id = ?"),
            use(start), use(end), use(org), now;
    }
    if (change.quietPolicy) {
        std::string policy = *change.quietPolicy == domain::QuietHoursPolicy::Skip ? "skip" : "defer";
        session << sql("UPDATE organizations SET quiet_policy = ? WHERE id = ?"), use(policy), use(org), now;
    }
    if (change.timeZone) {
        std::string zone = *change.timeZone;
        session << sql("UPDATE organizations SET time_zone = ? WHERE id = ?"), use(zone), use(org), now;
    }
    if (change.dedupeWindowMinutes) {
        Poco::Int64 window = *change.dedupeWindowMinutes;
        session << sql("UPDATE organizations SET dedupe_window_minutes = ? WHERE id = ?"), use(window),
            use(org), now;
    }
    if (change.businessHours) {
        std::string json = protocol::stringify(*protocol::encodeWeeklyHours(*change.businessHours));
        session << sql("UPDATE organizations SET business_hours = ? WHERE id = ?"), use(json), use(org), now;
    }
    if (change.holidays) {
        std::string json = arrayJson(protocol::encodeHolidays(*change.holidays));
        session << sql("UPDATE organizations SET holidays = ? WHERE id = ?"), use(json), use(org), now;
    }
    if (change.reminderOffsetsMinutes) {
        std::string json = arrayJson(protocol::encodeMinutesList(*change.reminderOffsetsMinutes));
        session << sql("UPDATE organizations SET reminder_offsets = ? WHERE id = ?"), use(json), use(org),
            now;
    }
    if (change.responseTargetMinutes) {
        Poco::Int64 target = *change.responseTargetMinutes;
        session << sql("UPDATE organizations SET response_target_minutes = ? WHERE id = ?"), use(target),
            use(org), now;
    }
    Poco::Int64 updatedAt = at.time_since_epoch().count();
    session << sql("INSERT INTO org_automation (org_id, updated_at) VALUES (?, ?) ON CONFLICT DO NOTHING"),
        use(org), use(updatedAt), now;
    if (change.advancedOptOut) {
        int flag = *change.advancedOptOut ? 1 : 0;
        session << sql("UPDATE org_automation SET advanced_opt_out = ? WHERE org_id = ?"), use(flag),
            use(org), now;
    }
    if (change.onCallNumber) {
        Poco::Nullable<std::string> number = *change.onCallNumber
            ? Poco::Nullable<std::string>((*change.onCallNumber)->e164())
            : Poco::Nullable<std::string>();
        session << sql("UPDATE org_automation SET on_call_number = ? WHERE org_id = ?"), use(number),
            use(org), now;
    }
    if (change.intakeQuestions) {
        std::string json = questionsToJson(*change.intakeQuestions);
        session << sql("UPDATE org_automation SET intake_questions = ? WHERE org_id = ?"), use(json),
            use(org), now;
    }
    if (!change.templates.empty()) {
        Poco::JSON::Object::Ptr templates = new Poco::JSON::Object;
        if (!templateColumn.empty() && !templateColumn.front().isNull()
            && !templateColumn.front().value().empty()) {
            Poco::JSON::Parser parser;
            templates = parser.parse(templateColumn.front().value()).extract<Poco::JSON::Object::Ptr>();
        }
        for (const auto& [name, body] : change.templates) {
            templates->set(name, body);
        }
        std::ostringstream out;
        templates->stringify(out);
        std::string json = out.str();
        session << sql("UPDATE org_automation SET templates = ? WHERE org_id = ?"), use(json), use(org), now;
    }
    session << sql("UPDATE org_automation SET updated_at = ? WHERE org_id = ?"), use(updatedAt), use(org),
        now;
    return {};
}

std::string OrgAutomationRecords::questionsToJson(const std::vector<domain::IntakeQuestion>& questions)
{
    Poco::JSON::Array array;
    for (const auto& question : questions) {
        Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        item->set("key", question.key);
        item->set("text", question.text);
        array.add(item);
    }
    std::ostringstream out;
    array.stringify(out);
    return out.str();
}

domain::Result<std::vector<domain::IntakeQuestion>>
OrgAutomationRecords::questionsFromJson(std::string_view json)
{
    std::vector<domain::IntakeQuestion> questions;
    try {
        Poco::JSON::Parser parser;
        const auto array = parser.parse(std::string(json)).extract<Poco::JSON::Array::Ptr>();
        for (std::size_t i = 0; i < array->size(); ++i) {
            const auto item = array->getObject(static_cast<unsigned>(i));
            if (!item || !item->has("key") || !item->has("text")) {
                return domain::makeError("invalid_question",
                                         "Intake question " + std::to_string(i + 1)
                                             + " needs \"key\" and \"text\".");
            }
            questions.push_back({item->getValue<std::string>("key"), item->getValue<std::string>("text")});
        }
    } catch (const Poco::Exception& e) {
        return domain::makeError("invalid_question",
                                 "The intake questions are not a JSON array: " + e.displayText());
    }
    return questions;
}

} // namespace callsnare::relay
