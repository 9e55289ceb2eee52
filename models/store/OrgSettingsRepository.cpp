#include "store/OrgSettingsRepository.h"

#include "domain/EntityWireNames.h"
#include "store/StoreSql.h"
#include "store/WriteScope.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <array>
#include <utility>

namespace callsnare::store {

namespace {

QString questionsJson(const std::vector<domain::IntakeQuestion>& questions)
{
    QJsonArray items;
    for (const auto& question : questions) {
        items.append(QJsonObject{{QStringLiteral("key"), toQString(question.key)},
                                 {QStringLiteral("text"), toQString(question.text)}});
    }
    return QString::fromUtf8(QJsonDocument(items).toJson(QJsonDocument::Compact));
}

bool questionsFrom(const QVariant& value, std::vector<domain::IntakeQuestion>* questions)
{
    questions->clear();
    if (value.isNull()) {
        return true;
    }
    const QJsonDocument document = QJsonDocument::fromJson(value.toString().toUtf8());
    if (!document.isArray()) {
        return false;
    }
    for (const QJsonValue item : document.array()) {
        const QJsonObject question = item.toObject();
        if (!question.value(QStringLiteral("key")).isString()
            || !question.value(QStringLiteral("text")).isString()) {
            return false;
        }
        questions->push_back({question.value(QStringLiteral("key")).toString().toStdString(),
                              question.value(QStringLiteral("text")).toString().toStdString()});
    }
    return true;
}

QString offsetsText(const std::vector<std::chrono::minutes>& offsets)
{
    QStringList parts;
    for (const auto offset : offsets) {
        parts.append(QString::number(offset.count()));
    }
    return parts.join(QLatin1Char(','));
}

bool offsetsFrom(const QString& text, std::vector<std::chrono::minutes>* offsets)
{
    offsets->clear();
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 value = part.toLongLong(&ok);
        if (!ok) {
            return false;
        }
        offsets->push_back(std::chrono::minutes{value});
    }
    return true;
}

QString dayText(std::chrono::year_month_day day)
{
    return QDate(static_cast<int>(day.year()), static_cast<int>(static_cast<unsigned>(day.month())),
                 static_cast<int>(static_cast<unsigned>(day.day())))
        .toString(Qt::ISODate);
}

} // namespace

OrgSettingsRepository::OrgSettingsRepository(QSqlDatabase db, QString orgId)
    : m_db(std::move(db)), m_orgId(std::move(orgId))
{
}

std::optional<OrgSettingsRecord> OrgSettingsRepository::find(QString* error) const
{
    QSqlQuery query(m_db);
    if (!execute(query,
                 QStringLiteral("SELECT time_zone, quiet_start_minute, quiet_end_minute, quiet_policy, "
                                "dedupe_window_minutes, on_call_number, intake_questions, settings_version, "
                                "reminder_offsets, response_target_minutes FROM organizations WHERE id = ?"),
                 {m_orgId}, error)) {
        return std::nullopt;
    }
    if (!query.next()) {
        return std::nullopt;
    }
    const QString damaged = QStringLiteral("The stored settings of organization \"%1\" are unreadable (%2).");
    OrgSettingsRecord settings;
    settings.timeZone = toStdString(query.value(0));
    settings.quietHours.start = std::chrono::minutes{query.value(1).toLongLong()};
    settings.quietHours.end = std::chrono::minutes{query.value(2).toLongLong()};
    const auto policy = domain::valueIn(domain::kQuietHoursPolicyNames, toStdString(query.value(3)));
    if (!policy) {
        refuse(error, damaged.arg(m_orgId, QStringLiteral("quiet-hours policy")));
        return std::nullopt;
    }
    settings.quietHours.policy = *policy;
    settings.dedupeWindow = std::chrono::minutes{query.value(4).toLongLong()};
    if (!query.value(5).isNull()) {
        auto number = domain::PhoneNumber::parse(toStdString(query.value(5)));
        if (!number) {
            refuse(error, damaged.arg(m_orgId, QStringLiteral("on-call number")));
            return std::nullopt;
        }
        settings.onCallNumber = number.value();
    }
    if (!questionsFrom(query.value(6), &settings.intakeQuestions)) {
        refuse(error, damaged.arg(m_orgId, QStringLiteral("intake questions")));
        return std::nullopt;
    }
    settings.version = query.value(7).toLongLong();
    if (!offsetsFrom(query.value(8).toString(), &settings.reminderOffsets)) {
        refuse(error, damaged.arg(m_orgId, QStringLiteral("reminder offsets")));
        return std::nullopt;
    }
    settings.responseTarget = std::chrono::minutes{query.value(9).toLongLong()};
    query.finish();
    if (!readSchedule(&settings, error)) {
        return std::nullopt;
    }

    QSqlQuery templates(m_db);
    if (!execute(templates, QStringLiteral("SELECT name, body FROM templates WHERE org_id = ? ORDER BY name"),
                 {m_orgId}, error)) {
        return std::nullopt;
    }
    while (templates.next()) {
        settings.templates.emplace(toStdString(templates.value(0)), toStdString(templates.value(1)));
    }
    return settings;
}

bool OrgSettingsRepository::storedVersion(qint64* version, QString* error) const
{
    QSqlQuery held(m_db);
    if (!execute(held, QStringLiteral("SELECT settings_version FROM organizations WHERE id = ?"), {m_orgId},
                 error)) {
        return false;
    }
    if (!held.next()) {
        return refuse(error, QStringLiteral("The profile has no organization \"%1\".").arg(m_orgId));
    }
    *version = held.value(0).toLongLong();
    return true;
}

bool OrgSettingsRepository::saveRelayVersion(const OrgSettingsRecord& settings, bool* written, QString* error)
{
    if (written) {
        *written = false;
    }
    qint64 held = 0;
    if (!storedVersion(&held, error)) {
        return false;
    }
    if (held > settings.version) {
        return true; // an older snapshot: what is held is newer
    }
    const bool done = writeAtomically(m_db, error, [&] {
        return write(settings, true, error)
            && execute(m_db, QStringLiteral("UPDATE organizations SET settings_version = ? WHERE id = ?"),
                       {QVariant::fromValue<qint64>(settings.version), m_orgId}, error);
    });
    if (done && written) {
        *written = true;
    }
    return done;
}

bool OrgSettingsRepository::saveLocal(const OrgSettingsRecord& settings, qint64 expectedVersion,
                                      QString* error)
{
    qint64 held = 0;
    if (!storedVersion(&held, error)) {
        return false;
    }
    if (held != expectedVersion) {
        return refuse(error,
                      QStringLiteral("The organization's settings changed elsewhere meanwhile; "
                                     "review them and try again."));
    }
    return writeAtomically(m_db, error, [&] {
        return write(settings, false, error)
            && execute(m_db,
                       QStringLiteral("UPDATE organizations SET settings_version = settings_version + 1 "
                                      "WHERE id = ?"),
                       {m_orgId}, error);
    });
}

bool OrgSettingsRepository::write(const OrgSettingsRecord& settings, bool replaceTemplates, QString* error)
{
    const QVariantList values = {
        toQString(settings.timeZone),
        QVariant::fromValue<qint64>(settings.quietHours.start.count()),
        QVariant::fromValue<qint64>(settings.quietHours.end.count()),
        toQString(domain::nameIn(domain::kQuietHoursPolicyNames, settings.quietHours.policy)),
        QVariant::fromValue<qint64>(settings.dedupeWindow.count()),
        settings.onCallNumber ? QVariant(toQString(settings.onCallNumber->e164()))
                              : QVariant(QMetaType::fromType<QString>()),
        questionsJson(settings.intakeQuestions),
        offsetsText(settings.reminderOffsets),
        QVariant::fromValue<qint64>(settings.responseTarget.count()),
        m_orgId,
    };
    QSqlQuery update(m_db);
    if (!execute(update,
                 QStringLiteral("UPDATE organizations SET time_zone = ?, quiet_start_minute = ?, "
                                "quiet_end_minute = ?, quiet_policy = ?, dedupe_window_minutes = ?, "
                                "on_call_number = ?, intake_questions = ?, reminder_offsets = ?, "
                                "response_target_minutes = ? WHERE id = ?"),
                 values, error)) {
        return false;
    }
    if (update.numRowsAffected() == 0) {
        return refuse(error, QStringLiteral("The profile has no organization \"%1\".").arg(m_orgId));
    }
    if (!writeSchedule(settings.hours, error)) {
        return false;
    }
    if (replaceTemplates
        && !execute(m_db, QStringLiteral("DELETE FROM templates WHERE org_id = ?"), {m_orgId}, error)) {
        return false;
    }
    for (const auto& [name, text] : settings.templates) {
        if (!execute(m_db,
                     QStringLiteral("INSERT OR REPLACE INTO templates (org_id, name, body) VALUES (?, ?, ?)"),
                     {m_orgId, toQString(name), toQString(text)}, error)) {
            return false;
        }
    }
    return true;
}

bool OrgSettingsRepository::writeSchedule(const domain::BusinessHours& hours, QString* error)
{
    if (!execute(m_db, QStringLiteral("DELETE FROM business_hours WHERE org_id = ?"), {m_orgId}, error)
        || !execute(m_db, QStringLiteral("DELETE FROM holidays WHERE org_id = ?"), {m_orgId}, error)) {
        return false;
    }
    for (unsigned weekday = 0; weekday < 7; ++weekday) {
        for (const domain::OpenInterval& stretch : hours.day(std::chrono::weekday{weekday})) {
            if (!execute(
                    m_db,
                    QStringLiteral("INSERT INTO business_hours (org_id, weekday, open_minute, close_minute) "
                                   "VALUES (?, ?, ?, ?)"),
                    {m_orgId, weekday, QVariant::fromValue<qint64>(stretch.open.count()),
                     QVariant::fromValue<qint64>(stretch.close.count())},
                    error)) {
                return false;
            }
        }
    }
    for (const auto& day : hours.holidays()) {
        if (!execute(m_db, QStringLiteral("INSERT OR IGNORE INTO holidays (org_id, day) VALUES (?, ?)"),
                     {m_orgId, dayText(day)}, error)) {
            return false;
        }
    }
    return true;
}

bool OrgSettingsRepository::readSchedule(OrgSettingsRecord* settings, QString* error) const
{
    const QString damaged
        = QStringLiteral("The stored business hours of organization \"%1\" are unreadable (%2).");
    std::array<domain::BusinessHours::DaySchedule, 7> weekly{};
    QSqlQuery query(m_db);
    if (!execute(query,
                 QStringLiteral("SELECT weekday, open_minute, close_minute FROM business_hours "
                                "WHERE org_id = ? ORDER BY weekday, open_minute"),
                 {m_orgId}, error)) {
        return false;
    }
    while (query.next()) {
        const int weekday = query.value(0).toInt();
        if (weekday < 0 || weekday > 6) {
            return refuse(error, damaged.arg(m_orgId, QStringLiteral("weekday")));
        }
        weekly.at(static_cast<std::size_t>(weekday))
            .push_back({std::chrono::minutes{query.value(1).toLongLong()},
                        std::chrono::minutes{query.value(2).toLongLong()}});
    }
    std::vector<std::chrono::year_month_day> holidays;
    if (!execute(query, QStringLiteral("SELECT day FROM holidays WHERE org_id = ? ORDER BY day"), {m_orgId},
                 error)) {
        return false;
    }
    while (query.next()) {
        const QDate date = QDate::fromString(query.value(0).toString(), Qt::ISODate);
        if (!date.isValid()) {
            return refuse(error, damaged.arg(m_orgId, QStringLiteral("holiday")));
        }
        holidays.push_back(std::chrono::year_month_day{
            std::chrono::year{date.year()}, std::chrono::month{static_cast<unsigned>(date.month())},
            std::chrono::day{static_cast<unsigned>(date.day())}});
    }
    auto hours = domain::BusinessHours::create(weekly, std::move(holidays));
    if (!hours) {
        return refuse(error, damaged.arg(m_orgId, toQString(hours.error().message)));
    }
    settings->hours = std::move(hours).value();
    return true;
}

} // namespace callsnare::store
