#pragma once

#include "store/InboxQuery.h"

#include <QMap>
#include <QWidget>

class QButtonGroup;
class QToolButton;

namespace callsnare::ui {

// The inbox's views as a row of exclusive chips: All, New, Needs reply,
// Booked, Office, Closed, Today. Each chip is a checkable button named
// "filter<Name>" (filterAll, filterNeedsReply...), so tests and screen
// readers find it; the per-state ones show their lead count.
class InboxFilterBar : public QWidget {
    Q_OBJECT

public:
    explicit InboxFilterBar(QWidget* parent = nullptr);

    store::InboxFilter filter() const { return m_filter; }
    void setFilter(store::InboxFilter filter);
    void setCounts(const store::InboxCounts& counts);
    QToolButton* button(store::InboxFilter filter) const { return m_buttons.value(filter); }

    static QString filterName(store::InboxFilter filter);

signals:
    void filterChanged(store::InboxFilter filter);

private:
    void addChip(store::InboxFilter filter, const QString& objectName);
    void updateLabel(store::InboxFilter filter, int count);

    QButtonGroup* m_group;
    QMap<store::InboxFilter, QToolButton*> m_buttons;
    store::InboxFilter m_filter = store::InboxFilter::All;
};

} // namespace callsnare::ui
