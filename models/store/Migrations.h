#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QVector>

namespace callsnare::store {

// One step of the profile schema: the SQL that takes a profile from version
// `version - 1` to `version`.
struct Migration {
    int version = 0;
    QString name; // "initial", from schema/001_initial.sql
    QString sql;
};

// Versioned, forward-only schema migrations. The schema version lives in
// `PRAGMA user_version`; each step runs in one transaction together with
// bumping it, so a profile is always exactly at some version, never between.
class Migrations {
public:
    // The steps built into this binary (schema/NNN_name.sql, embedded as Qt
    // resources), in version order.
    Migrations();
    // Other steps, for tests. They must be numbered 1, 2, 3... in order.
    explicit Migrations(QVector<Migration> steps);

    static const QVector<Migration>& builtIn();

    int latestVersion() const;
    const QVector<Migration>& steps() const { return m_steps; }

    // The profile's schema version (user_version).
    static bool currentVersion(const QSqlDatabase& db, int* version, QString* error);

    // Whether this binary can use a profile at `version`; if not, `error` says why.
    bool canUse(int version, QString* error) const;

    // Applies every step above the profile's version, each in its own
    // transaction. A failing step is rolled back completely and stops the
    // run; the steps before it stay applied. Must not be called inside a
    // transaction (DDL plus user_version must commit together).
    bool migrate(QSqlDatabase db, QString* error) const;

    // Splits a script into single statements (the driver runs one per
    // prepare) without their comments (see withoutComments() for why).
    static bool splitStatements(const QString& script, QStringList* statements, QString* error);

private:
    QVector<Migration> m_steps;
};

} // namespace callsnare::store
