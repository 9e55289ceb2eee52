#pragma once

#include <QPlainTextEdit>
#include <QSqlDatabase>
#include <QString>

namespace callsnare::ui {

// A plain, read-only transcript of one lead's thread (store::InboxQuery's
// thread: calls, texts with their delivery status, notes, lifecycle facts,
// bookings), one line per fact: the main window's thread area until the full
// lead thread view is plugged in with MainWindow::setWorkArea().
class LeadThreadPreview : public QPlainTextEdit {
    Q_OBJECT

public:
    LeadThreadPreview(QSqlDatabase db, QString orgId, QWidget* parent = nullptr);

    QString leadId() const { return m_leadId; }

public slots:
    void showLead(const QString& leadId);
    void refresh();

private:
    QSqlDatabase m_db;
    QString m_orgId;
    QString m_leadId;
};

} // namespace callsnare::ui
