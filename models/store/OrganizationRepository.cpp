#include "store/OrganizationRepository.h"

#include "domain/EntityWireNames.h"
#include "store/StoreSql.h"
#include "store/WriteScope.h"

#include <QDate>
#include <QSqlQuery>

#include <array>
#include <utility>

namespace callsnare::store {

namespace {

using std::chrono::minutes;

QString reminderOffsetsText(const std::vector<minutes>& offsets)
{
    QStringList parts;
    for (const minutes offset : offsets) {
        parts.append(QString::number(offset.count()));
    }
    return parts.join(QLatin1Char(','));
}

bool parseReminderOffsets(const QString& text, std::vector<minutes>* offsets)
{
    offsets->clear();
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int value = part.toInt(&ok);
        if (!ok) {
            return false;
        }
        offsets->push_back(minutes{value});
    }
    return true;
}

QString dayText(std::chrono::year_month_day day)
{
    return QDate(static_cast<int>(day.year()), static_cast<int>(static_cast<unsigned>(day.month())),
                 static_cast<int>(static_cast<unsigned>(day.day())))
        .toString(Qt::ISODate);
}

std::optional<std::chrono::year_month_day> dayFrom(const QString& text)
{
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!date.isValid()) {
        return std::nullopt;
    }
    return std::chrono::year_month_day{std::chrono::year{date.year()},
                                       std::chrono::month{static_cast<unsigned>(date.month())},
                                       std::chrono::day{static_cast<unsigned>(date.day())}};
}

QVariant minuteValue(minutes value)
{
    return QVariant::fromValue<qint64>(value.count());
}

QString damaged(const QString& orgId, const QString& what)
{
    return QStringLiteral("The stored organization \"%1\" has an unreadable %2.").arg(orgId, what);
}

constexpr char kSelectOrganization[] = "SELECT id, name, time_zone, office_number, billing_state, "
                                       "dedupe_window_minutes, quiet_start_minute, quiet_end_minute, "
                                       "quiet_policy, reminder_offsets FROM organizations";

bool organizationFrom(const QSqlQuery& query, domain::Organization* org, QString* error)
{
    const QString id = query.value(0).toString();
    org->id = toStdString(query.value(0));
    org->name = toStdString(query.value(1));
    org->timeZone = toStdString(query.value(2));
    if (query.value(3).isNull()) {
        org->officeNumber.reset();
    } else {
        auto office = domain::PhoneNumber::parse(toStdString(query.value(3)));
        if (!office) {
            return refuse(error, damaged(id, QStringLiteral("office number")));
        }
        org->officeNumber = office.value();
    }
    const auto billing = domain::parseBillingState(toStdString(query.value(4)));
    const auto policy = domain::valueIn(domain::kQuietHoursPolicyNames, toStdString(query.value(8)));
    if (!billing || !policy) {
        return refuse(error, damaged(id, QStringLiteral("billing state or quiet-hours policy")));
    }
    org->billing = *billing;
    org->dedupeWindow = minutes{query.value(5).toLongLong()};
    org->quietHours.start = minutes{query.value(6).toLongLong()};
    org->quietHours.end = minutes{query.value(7).toLongLong()};
    org->quietHours.policy = *policy;
    if (!parseReminderOffsets(query.value(9).toString(), &org->reminderOffsets)) {
        return refuse(error, damaged(id, QStringLiteral("list of reminder offsets")));
    }
    return true;
}

} // namespace

OrganizationRepository::OrganizationRepository(QSqlDatabase db) : m_db(std::move(db))
{
}

bool OrganizationRepository::save(const domain::Organization& organization, QString* error)
{
    if (organization.id.empty()) {
        return refuse(error, QStringLiteral("An organization needs an id."));
    }
    const QString id = toQString(organization.id);
    const QVariantList values = {
        toQString(organization.name),
        toQString(organization.timeZone),
        organization.officeNumber ? QVariant(toQString(organization.officeNumber->e164()))
                                  : QVariant(QMetaType::fromType<QString>()),
        toQString(domain::wireName(organization.billing)),
        minuteValue(organization.dedupeWindow),
        minuteValue(organization.quietHours.start),
        minuteValue(organization.quietHours.end),
        toQString(domain::nameIn(domain::kQuietHoursPolicyNames, organization.quietHours.policy)),
        reminderOffsetsText(organization.reminderOffsets),
        id,
    };
    return writeAtomically(m_db, error, [&] {
        QSqlQuery update(m_db);
        if (!execute(update,
                     QStringLiteral("UPDATE organizations SET name = ?, time_zone = ?, office_number = ?, "
                                    "billing_state = ?, dedupe_window_minutes = ?, quiet_start_minute = ?, "
                                    "quiet_end_minute = ?, quiet_policy = ?, reminder_offsets = ?, "
                                    "version = version + 1 WHERE id = ?"),
                     values, error)) {
            return false;
        }
        if (update.numRowsAffected() == 0
            && !execute(
                m_db,
                QStringLiteral("INSERT INTO organizations (name, time_zone, office_number, billing_state, "
                               "dedupe_window_minutes, quiet_start_minute, quiet_end_minute, "
                               "quiet_policy, reminder_offsets, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                values, error)) {
            return false;
        }
        return saveDetails(organization, error);
    });
}

bool OrganizationRepository::saveDetails(const domain::Organization& organization, QString* error)
{
    const QString id = toQString(organization.id);
    for (const char* table : {"org_numbers", "business_hours", "holidays", "templates"}) {
        // The table name is one of ours; only values are bound.
        if (!execute(m_db, QStringLiteral("DELETE FROM %1 WHERE org_id = ?").arg(QLatin1String(table)), {id},
                     error)) {
            return false;
        }
    }
    for (const domain::PhoneNumber& number : organization.numbers) {
        if (!execute(m_db, QStringLiteral("INSERT OR IGNORE INTO org_numbers (org_id, e164) VALUES (?, ?)"),
                     {id, toQString(number.e164())}, error)) {
            return false;
        }
    }
    for (unsigned weekday = 0; weekday < 7; ++weekday) {
        for (const domain::OpenInterval& interval : organization.hours.day(std::chrono::weekday{weekday})) {
            if (!execute(
                    m_db,
                    QStringLiteral("INSERT INTO business_hours (org_id, weekday, open_minute, close_minute) "
                                   "VALUES (?, ?, ?, ?)"),
                    {id, weekday, minuteValue(interval.open), minuteValue(interval.close)}, error)) {
                return false;
            }
        }
    }
    for (const auto& day : organization.hours.holidays()) {
        if (!execute(m_db, QStringLiteral("INSERT OR IGNORE INTO holidays (org_id, day) VALUES (?, ?)"),
                     {id, dayText(day)}, error)) {
            return false;
        }
    }
    for (const auto& [name, body] : organization.templates) {
        if (!execute(m_db, QStringLiteral("INSERT INTO templates (org_id, name, body) VALUES (?, ?, ?)"),
                     {id, toQString(name), toQString(body)}, error)) {
            return false;
        }
    }
    return true;
}

std::optional<domain::Organization> OrganizationRepository::find(const QString& id, QString* error) const
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(query, QString::fromLatin1(kSelectOrganization) + QStringLiteral(" WHERE id = ?"), {id},
                 error)) {
        return std::nullopt;
    }
    if (!query.next()) {
        if (error) {
            error->clear();
        }
        return std::nullopt;
    }
    domain::Organization org;
    if (!organizationFrom(query, &org, error)) {
        return std::nullopt;
    }
    query.finish();
    if (!loadDetails(&org, error)) {
        return std::nullopt;
    }
    return org;
}

bool OrganizationRepository::list(std::vector<domain::Organization>* organizations, QString* error) const
{
    organizations->clear();
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!execute(query, QString::fromLatin1(kSelectOrganization) + QStringLiteral(" ORDER BY name, id"), {},
                 error)) {
        return false;
    }
    while (query.next()) {
        domain::Organization org;
        if (!organizationFrom(query, &org, error)) {
            return false;
        }
        organizations->push_back(std::move(org));
    }
    query.finish();
    for (domain::Organization& org : *organizations) {
        if (!loadDetails(&org, error)) {
            return false;
        }
    }
    return true;
}

bool OrganizationRepository::loadDetails(domain::Organization* org, QString* error) const
{
    const QString id = toQString(org->id);
    QSqlQuery query(m_db);
    query.setForwardOnly(true);

    org->numbers.clear();
    if (!execute(query, QStringLiteral("SELECT e164 FROM org_numbers WHERE org_id = ? ORDER BY e164"), {id},
                 error)) {
        return false;
    }
    while (query.next()) {
        auto number = domain::PhoneNumber::parse(toStdString(query.value(0)));
        if (!number) {
            return refuse(error, damaged(id, QStringLiteral("phone number")));
        }
        org->numbers.push_back(number.value());
    }

    std::array<domain::BusinessHours::DaySchedule, 7> weekly{};
    if (!execute(
            query,
            QStringLiteral("SELECT weekday, open_minute, close_minute FROM business_hours WHERE org_id = ? "
                           "ORDER BY weekday, open_minute"),
            {id}, error)) {
        return false;
    }
    while (query.next()) {
        const int weekday = query.value(0).toInt();
        if (weekday < 0 || weekday > 6) {
            return refuse(error, damaged(id, QStringLiteral("weekday")));
        }
        weekly.at(static_cast<std::size_t>(weekday))
            .push_back({minutes{query.value(1).toLongLong()}, minutes{query.value(2).toLongLong()}});
    }
    std::vector<std::chrono::year_month_day> holidays;
    if (!execute(query, QStringLiteral("SELECT day FROM holidays WHERE org_id = ? ORDER BY day"), {id},
                 error)) {
        return false;
    }
    while (query.next()) {
        const auto day = dayFrom(query.value(0).toString());
        if (!day) {
            return refuse(error, damaged(id, QStringLiteral("holiday")));
        }
        holidays.push_back(*day);
    }
    auto hours = domain::BusinessHours::create(std::move(weekly), std::move(holidays));
    if (!hours) {
        return refuse(error,
                      damaged(id, QStringLiteral("business hours")) + QLatin1Char(' ')
                          + toQString(hours.error().message));
    }
    org->hours = hours.value();

    org->templates.clear();
    if (!execute(query, QStringLiteral("SELECT name, body FROM templates WHERE org_id = ? ORDER BY name"),
                 {id}, error)) {
        return false;
    }
    while (query.next()) {
        org->templates.emplace(toStdString(query.value(0)), toStdString(query.value(1)));
    }
    return true;
}

} // namespace callsnare::store
