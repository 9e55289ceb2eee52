#include "store/Migrations.h"

#include "store/StoreLogging.h"
#include "store/StoreSql.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlQuery>

#include <sqlcipher/sqlite3.h>

#include <string>

namespace callsnare::store {

namespace {

// Where qt_add_resources puts schema/*.sql (see CMakeLists.txt).
constexpr char kSchemaResourceDir[] = ":/callsnare/store/schema";

QString tr(const char* text)
{
    return QCoreApplication::translate("callsnare::store::Migrations", text);
}

bool fail(QString* error, const QString& message)
{
    if (error) {
        *error = message;
    }
    return false;
}

// The script without its comments. Qt scans prepared statements for ":name"
// placeholders and quotes without knowing SQL comments, so a "12:00" or an
// apostrophe in a comment would be taken for SQL; SQLite does not need them.
QString withoutComments(const QString& script)
{
    QString out;
    out.reserve(script.size());
    QChar quote; // the open ', " or ` ; null outside quotes
    for (qsizetype i = 0; i < script.size(); ++i) {
        const QChar c = script.at(i);
        const QChar next = i + 1 < script.size() ? script.at(i + 1) : QChar();
        if (!quote.isNull()) {
            out.append(c);
            if (c == quote) {
                quote = QChar(); // a doubled quote reopens at once on the next char
            }
        } else if (c == QLatin1Char('-') && next == QLatin1Char('-')) {
            while (i < script.size() && script.at(i) != QLatin1Char('\n')) {
                ++i;
            }
            out.append(QLatin1Char('\n'));
        } else if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
            const qsizetype end = script.indexOf(QLatin1String("*/"), i + 2);
            i = end < 0 ? script.size() : end + 1;
            out.append(QLatin1Char(' '));
        } else {
            if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`')) {
                quote = c;
            }
            out.append(c);
        }
    }
    return out;
}

QVector<Migration> loadBuiltIn()
{
    QVector<Migration> steps;
    const QDir dir(QString::fromLatin1(kSchemaResourceDir));
    static const QRegularExpression fileName(QStringLiteral("^(\\d{3})_([a-z0-9_]+)\\.sql$"));
    for (const QString& entry : dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name)) {
        const QRegularExpressionMatch match = fileName.match(entry);
        QFile file(dir.filePath(entry));
        if (!match.hasMatch() || !file.open(QIODevice::ReadOnly)) {
            qCCritical(lcStore) << "unusable schema resource" << entry;
            continue;
        }
        steps.append({match.captured(1).toInt(), match.captured(2), QString::fromUtf8(file.readAll())});
    }
    return steps;
}

} // namespace

Migrations::Migrations() : m_steps(builtIn())
{
}

Migrations::Migrations(QVector<Migration> steps) : m_steps(std::move(steps))
{
}

const QVector<Migration>& Migrations::builtIn()
{
    static const QVector<Migration> steps = loadBuiltIn();
    return steps;
}

int Migrations::latestVersion() const
{
    return m_steps.isEmpty() ? 0 : m_steps.constLast().version;
}

bool Migrations::currentVersion(const QSqlDatabase& db, int* version, QString* error)
{
    QSqlQuery query(db);
    if (!execute(query, QStringLiteral("PRAGMA user_version"), {}, error) || !query.next()) {
        return fail(error, tr("The profile's schema version could not be read."));
    }
    *version = query.value(0).toInt();
    return true;
}

bool Migrations::canUse(int version, QString* error) const
{
    if (version > latestVersion()) {
        return fail(error,
                    tr("This profile was made by a newer version of CallSnare (schema %1); "
                       "this version understands up to %2.")
                        .arg(version)
                        .arg(latestVersion()));
    }
    if (version < 0) {
        return fail(error, tr("The profile's schema version %1 is not valid.").arg(version));
    }
    return true;
}

bool Migrations::splitStatements(const QString& script, QStringList* statements, QString* error)
{
    // sqlite3_complete knows where a statement really ends (a ';' in a
    // string or a trigger body does not end it).
    const QByteArray utf8 = withoutComments(script).toUtf8();
    std::string pending;
    for (const char c : utf8) {
        pending.push_back(c);
        if (c == ';' && sqlite3_complete(pending.c_str()) != 0) {
            const QString statement = QString::fromStdString(pending).trimmed();
            if (statement != QLatin1String(";")) {
                statements->append(statement);
            }
            pending.clear();
        }
    }
    if (!QString::fromStdString(pending).trimmed().isEmpty()) {
        return fail(error, tr("The schema script ends in the middle of a statement."));
    }
    return true;
}

bool Migrations::migrate(QSqlDatabase db, QString* error) const
{
    for (qsizetype i = 0; i < m_steps.size(); ++i) {
        if (m_steps.at(i).version != static_cast<int>(i) + 1) {
            return fail(error,
                        tr("The schema steps are not numbered 1, 2, 3... (found %1 at position %2).")
                            .arg(m_steps.at(i).version)
                            .arg(i + 1));
        }
    }
    int version = 0;
    if (!currentVersion(db, &version, error) || !canUse(version, error)) {
        return false;
    }
    for (const Migration& step : m_steps) {
        if (step.version <= version) {
            continue;
        }
        QStringList statements;
        if (!splitStatements(step.sql, &statements, error)) {
            return false;
        }
        QString stepError;
        const bool applied = inTransaction(db, &stepError, [&] {
            for (const QString& statement : std::as_const(statements)) {
                if (!execute(db, statement, {}, &stepError)) {
                    return false;
                }
            }
            // PRAGMA takes no bound values; the number is our own step's.
            return execute(db, QStringLiteral("PRAGMA user_version = %1").arg(step.version), {}, &stepError);
        });
        if (!applied) {
            qCWarning(lcStore) << "schema step" << step.version << step.name << "failed:" << stepError;
            return fail(error,
                        tr("The profile could not be upgraded to schema %1 (%2): %3")
                            .arg(step.version)
                            .arg(step.name, stepError));
        }
        qCInfo(lcStore) << "profile upgraded to schema" << step.version << step.name;
        version = step.version;
    }
    return true;
}

} // namespace callsnare::store
