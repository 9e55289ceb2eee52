#pragma once

#include "domain/Lead.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTreeWidget>

namespace callsnare::ui {

// A plain, read-only list of the organization's newest leads (the first page
// of store::InboxQuery): what the main window's work area shows until the
// full inbox view is plugged in with MainWindow::setWorkArea().
class LeadListPreview : public QTreeWidget {
    Q_OBJECT

public:
    static constexpr int kPageSize = 200;

    LeadListPreview(QSqlDatabase db, QString orgId, QWidget* parent = nullptr);

    // The lead ids shown, top to bottom.
    QStringList leadIds() const;
    QString currentLeadId() const;
    // The last read's error; empty when it worked.
    QString lastError() const { return m_lastError; }

    // The state's name as the list shows it ("Missed", "Replied"...).
    static QString stateName(domain::LeadState state);

signals:
    void leadActivated(const QString& leadId);

public slots:
    void refresh();
    void selectLead(const QString& leadId);

private:
    QSqlDatabase m_db;
    QString m_orgId;
    QString m_lastError;
};

} // namespace callsnare::ui
