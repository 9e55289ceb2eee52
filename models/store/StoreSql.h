#pragma once

#include "domain/Time.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <optional>
#include <string>
#include <string_view>

namespace callsnare::store {

// The few conversions and the one way of running SQL that every repository
// shares, so each repository reads as its queries and nothing else.

// Prepares `sql`, binds `values` to its `?` placeholders in order and runs it.
// On failure `error` (when given) gets "<what failed>: <driver message>".
bool execute(QSqlQuery& query, const QString& sql, const QVariantList& values, QString* error);
// For statements whose rows nobody reads.
bool execute(const QSqlDatabase& db, const QString& sql, const QVariantList& values, QString* error);

// Runs `work` inside one transaction: commit when it returns true, roll back
// (keeping the first error) when it returns false. Nested use is an error.
template <typename Work> bool inTransaction(QSqlDatabase db, QString* error, Work&& work);

inline QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

inline std::string toStdString(const QVariant& value)
{
    return value.toString().toStdString();
}

inline QVariant instantValue(domain::Instant instant)
{
    return QVariant::fromValue<qint64>(instant.time_since_epoch().count());
}

inline QVariant instantValue(const std::optional<domain::Instant>& instant)
{
    return instant ? instantValue(*instant) : QVariant(QMetaType::fromType<qint64>());
}

inline domain::Instant instantFrom(const QVariant& value)
{
    return domain::Instant{std::chrono::seconds{value.toLongLong()}};
}

inline std::optional<domain::Instant> optionalInstantFrom(const QVariant& value)
{
    if (value.isNull()) {
        return std::nullopt;
    }
    return instantFrom(value);
}

// Text column that may be NULL.
inline QVariant textOrNull(const std::optional<std::string>& text)
{
    return text ? QVariant(toQString(*text)) : QVariant(QMetaType::fromType<QString>());
}

template <typename Work> bool inTransaction(QSqlDatabase db, QString* error, Work&& work)
{
    if (!db.transaction()) {
        if (error) {
            *error = QStringLiteral("Could not start a transaction: %1").arg(db.lastError().text());
        }
        return false;
    }
    if (!work()) {
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        if (error) {
            *error = QStringLiteral("Could not save the change: %1").arg(db.lastError().text());
        }
        db.rollback();
        return false;
    }
    return true;
}

} // namespace callsnare::store
