#pragma once

#include "domain/BusinessHours.h"
#include "store/InboxQuery.h"
#include "ui/Clock.h"

#include <QSqlDatabase>
#include <QString>
#include <QWidget>

#include <chrono>

class QLabel;
class QLineEdit;
class QListView;
class QStackedLayout;
class QTimer;

namespace callsnare::ui {

class InboxCounter;
class InboxFilterBar;
class InboxModel;

// The dispatcher's inbox: filter chips, a search box and the lead list, with
// an empty state when nothing matches. Keyboard: Up/Down move through the
// list (each move opens the lead), Enter opens it, Ctrl+F goes to the search
// box, Down or Enter in the search box goes to the list.
class InboxView : public QWidget {
    Q_OBJECT

public:
    InboxView(QSqlDatabase db, QString orgId, QWidget* parent = nullptr);

    InboxModel* model() const { return m_model; }
    QListView* listView() const { return m_list; }
    QLineEdit* searchBox() const { return m_search; }
    InboxFilterBar* filterBar() const { return m_filters; }
    // Counts the chips' leads in steps after each refresh (never in one block).
    InboxCounter* counter() const { return m_counter; }

    store::InboxFilter filter() const;
    void setFilter(store::InboxFilter filter);
    // Applies the text now (typing applies it after a short pause).
    void setSearchText(const QString& text);
    // Where ages and "today" are measured from (the system clock unless set).
    void setClock(Clock clock);
    // The organization's response target (5 minutes unless set): leads whose
    // homeowner waited longer for a person, in business hours, are marked overdue.
    void setResponseTarget(std::chrono::minutes target);
    void setBusinessHours(domain::BusinessHours hours);
    QString currentLeadId() const;

signals:
    // The dispatcher opened a lead: clicked it, pressed Enter on it, moved to
    // it with the keyboard, or selectLead() named it.
    void leadActivated(const QString& leadId);

public slots:
    // Reads the store again (sync applied events, an action changed a lead),
    // keeping the selected lead and the rows already loaded.
    void refresh();
    // Selects the lead (loading pages until it shows up, or going back to the
    // unfiltered list) and emits leadActivated for it.
    void selectLead(const QString& leadId);
    void focusSearch();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void applySearch();
    void updateCounts();
    void updateEmptyState();
    void restoreSelection(const QString& leadId);
    void onCurrentChanged(const QModelIndex& current);
    void activate(const QString& leadId);

    QSqlDatabase m_db;
    QString m_orgId;
    InboxModel* m_model;
    InboxFilterBar* m_filters;
    InboxCounter* m_counter;
    QLineEdit* m_search;
    QListView* m_list;
    QLabel* m_empty;
    QStackedLayout* m_stack;
    QTimer* m_searchDelay;
    QTimer* m_ageTicker;
    // Set while the view itself moves the selection (after a reload), so
    // restoring the current lead does not open it a second time.
    bool m_restoring = false;
};

} // namespace callsnare::ui
