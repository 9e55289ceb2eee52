#pragma once

#include "client/DispatcherActions.h"
#include "ui/Clock.h"

#include <QSqlDatabase>
#include <QString>
#include <QTimeZone>
#include <QWidget>

#include <functional>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QStackedLayout;
class QToolButton;

namespace callsnare::ui {

class Composer;
class ThreadModel;

// One lead: who it is and where it stands, the actions a dispatcher takes
// (take over / release the automation, hand to the office, close with an
// outcome, add a note), the timeline and the composer. Every action goes
// through syncclient::DispatcherActions (local effect + outbox entry in one
// transaction); a failed action shows its sentence above the timeline.
class LeadThreadView : public QWidget {
    Q_OBJECT

public:
    LeadThreadView(QSqlDatabase db, QString orgId, QString dispatcherName, QWidget* parent = nullptr);

    QString leadId() const { return m_leadId; }
    ThreadModel* threadModel() const { return m_thread; }
    Composer* composer() const { return m_composer; }
    // The sentence of the last failed action or read, empty after a success.
    QString lastError() const;
    // Where action times come from (the system clock unless set).
    void setClock(Clock clock) { m_clock = std::move(clock); }

signals:
    // An action queued a mutation: the app calls SyncClient::outboxChanged.
    void outboxChanged();
    // The lead changed in the store (an action, or it was marked read): the
    // inbox should refresh.
    void leadChanged(const QString& leadId);

public slots:
    void showLead(const QString& leadId);
    // Reads the lead and its thread again (sync applied events).
    void refresh();

private:
    void buildActions();
    void load();
    void showError(const QString& message);
    // Runs a dispatcher action; on success tells the app and reloads.
    bool act(const std::function<bool(QString*)>& action);
    void send(const QString& body);
    void addNote();
    void toggleTakeOver();
    void handToOffice();
    void closeWith(domain::CloseOutcome outcome);
    domain::Instant now() const { return m_clock(); }

    QSqlDatabase m_db;
    QString m_orgId;
    syncclient::DispatcherActions m_actions;
    ThreadModel* m_thread;
    QString m_leadId;
    bool m_automationPaused = false;
    Clock m_clock = systemClock();
    QTimeZone m_zone = QTimeZone::systemTimeZone();

    QStackedLayout* m_stack;
    QWidget* m_page;
    QLabel* m_placeholder;
    QLabel* m_title;
    QLabel* m_subtitle;
    QToolButton* m_takeOver;
    QToolButton* m_office;
    QToolButton* m_close;
    QLabel* m_error;
    QListView* m_timeline;
    QLineEdit* m_noteEdit;
    QPushButton* m_addNote;
    Composer* m_composer;
};

} // namespace callsnare::ui
