#pragma once

#include "protocol/OrgSettings.h"
#include "ui/Clock.h"

#include <QDialog>
#include <QPointer>
#include <QSqlDatabase>
#include <QString>

class QDialogButtonBox;
class QLabel;
class QTabWidget;

namespace callsnare::ui {

class SettingsHoursPage;
class SettingsRulesPage;
class SettingsTemplatesPage;
class SettingsTextingPage;

// The owner's settings of the organization (Settings… in the main window):
// business hours and holidays; quiet hours, dedupe window, response target
// and reminders; templates with a live preview; the intake questions.
//
// OK checks the change as the relay will (protocol::checkSettingsChange) and
// shows the first problem beside the field; a valid change is queued through
// DispatcherActions::changeSettings with only the fields that changed, on
// the settings version the store holds, and the dialog says so: it reaches
// the relay when this desktop is online.
class SettingsDialog : public QDialog {
    Q_OBJECT

public:
    SettingsDialog(QSqlDatabase db, QString orgId, QString author, Clock clock, QWidget* parent = nullptr);

    // Re-reads the store's settings into the pages. False (the message
    // shown) when they cannot be read.
    bool reload();

    // The change the pages hold now (only what differs from the store's).
    protocol::SettingsChange pendingChange() const;

    QTabWidget* tabs() const { return m_tabs; }
    QLabel* message() const { return m_message; }
    QDialogButtonBox* buttons() const { return m_buttons; }
    SettingsHoursPage* hoursPage() const { return m_hours; }
    SettingsTextingPage* textingPage() const { return m_texting; }
    SettingsTemplatesPage* templatesPage() const { return m_templates; }
    SettingsRulesPage* rulesPage() const { return m_rules; }
    // The control the last problem was shown on (null: none).
    QWidget* problemWidget() const { return m_problemWidget; }

signals:
    // A change went to the outbox (the sync client may flush it now).
    void settingsQueued();

public slots:
    void accept() override;

private:
    void showProblem(const QString& field, const QString& problem);
    void clearProblem();
    void showMessage(const QString& text, bool problem);
    QString fieldLabel(const QString& field) const;

    QSqlDatabase m_db;
    QString m_orgId;
    QString m_author;
    Clock m_clock;
    QTabWidget* m_tabs;
    SettingsHoursPage* m_hours;
    SettingsTextingPage* m_texting;
    SettingsTemplatesPage* m_templates;
    SettingsRulesPage* m_rules;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
    QPointer<QWidget> m_problemWidget;
};

} // namespace callsnare::ui
