#pragma once

// Shared by the widget suites: one encrypted profile per suite, filled with
// the deterministic demo organization (DemoImport, as `callsnare-cli db
// import-demo` does), and a few reads the tests check the widgets against.

#include "store/DemoImport.h"
#include "store/DemoLeads.h"
#include "store/Profile.h"
#include "store/StoreSql.h"

#include <QDir>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <memory>

namespace ui_fixture {

using namespace callsnare;

class DemoProfile {
public:
    bool create(const QString& name, qint64 leads, QString* error)
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString base = qEnvironmentVariable("CALLSNARE_TEST_TMPDIR", QDir::tempPath());
        m_tmp = std::make_unique<QTemporaryDir>(base + QLatin1Char('/') + name + QStringLiteral("-XXXXXX"));
        m_profile = store::Profile::create(m_tmp->filePath(QStringLiteral("demo.callsnare")),
                                           QStringLiteral("widget tests"), error);
        if (!m_profile) {
            return false;
        }
        store::DemoImportReport report;
        if (!store::DemoImport(m_profile->database()).run(7, leads, &report, error)) {
            return false;
        }
        m_orgId = report.orgId;
        return true;
    }

    void close()
    {
        m_profile.reset();
        m_tmp.reset();
    }

    QSqlDatabase db() const { return m_profile->database(); }
    QString orgId() const { return m_orgId; }
    // The instant the demo data was generated against.
    static domain::Instant now() { return store::DemoLeads::defaultNow(); }

    qint64 scalar(const QString& sql, const QVariantList& values = {}) const
    {
        QSqlQuery query(db());
        QString error;
        if (!store::execute(query, sql, values, &error) || !query.next()) {
            qWarning() << error;
            return -1;
        }
        return query.value(0).toLongLong();
    }

    QString text(const QString& sql, const QVariantList& values = {}) const
    {
        QSqlQuery query(db());
        QString error;
        if (!store::execute(query, sql, values, &error) || !query.next()) {
            qWarning() << error;
            return {};
        }
        return query.value(0).toString();
    }

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<store::Profile> m_profile;
    QString m_orgId;
};

} // namespace ui_fixture
