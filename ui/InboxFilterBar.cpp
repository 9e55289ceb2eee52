#include "ui/InboxFilterBar.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLocale>
#include <QToolButton>

namespace callsnare::ui {

InboxFilterBar::InboxFilterBar(QWidget* parent) : QWidget(parent), m_group(new QButtonGroup(this))
{
    setObjectName(QStringLiteral("inboxFilters"));
    setAccessibleName(tr("Inbox filters"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_group->setExclusive(true);
    addChip(store::InboxFilter::All, QStringLiteral("filterAll"));
    addChip(store::InboxFilter::New, QStringLiteral("filterNew"));
    addChip(store::InboxFilter::NeedsReply, QStringLiteral("filterNeedsReply"));
    addChip(store::InboxFilter::Booked, QStringLiteral("filterBooked"));
    addChip(store::InboxFilter::Office, QStringLiteral("filterOffice"));
    addChip(store::InboxFilter::Closed, QStringLiteral("filterClosed"));
    addChip(store::InboxFilter::Today, QStringLiteral("filterToday"));
    layout->addStretch(1);
    m_buttons.value(store::InboxFilter::All)->setChecked(true);
}

QString InboxFilterBar::filterName(store::InboxFilter filter)
{
    switch (filter) {
    case store::InboxFilter::All:
        return tr("All");
    case store::InboxFilter::New:
        return tr("New");
    case store::InboxFilter::NeedsReply:
        return tr("Needs reply");
    case store::InboxFilter::Booked:
        return tr("Booked");
    case store::InboxFilter::Office:
        return tr("Office");
    case store::InboxFilter::Closed:
        return tr("Closed");
    case store::InboxFilter::Today:
        return tr("Today");
    }
    return {};
}

void InboxFilterBar::addChip(store::InboxFilter filter, const QString& objectName)
{
    auto* chip = new QToolButton(this);
    chip->setObjectName(objectName);
    chip->setCheckable(true);
    chip->setAutoRaise(true);
    chip->setToolButtonStyle(Qt::ToolButtonTextOnly);
    chip->setText(filterName(filter));
    chip->setAccessibleName(tr("Show %1 leads").arg(filterName(filter)));
    m_group->addButton(chip);
    m_buttons.insert(filter, chip);
    layout()->addWidget(chip);
    connect(chip, &QToolButton::toggled, this, [this, filter](bool checked) {
        if (checked && filter != m_filter) {
            m_filter = filter;
            emit filterChanged(filter);
        }
    });
}

void InboxFilterBar::setFilter(store::InboxFilter filter)
{
    if (QToolButton* chip = m_buttons.value(filter)) {
        chip->setChecked(true);
    }
}

void InboxFilterBar::setCounts(const store::InboxCounts& counts)
{
    updateLabel(store::InboxFilter::All, counts.total);
    updateLabel(store::InboxFilter::Booked, counts.count(domain::LeadState::Booked));
    updateLabel(store::InboxFilter::Office, counts.count(domain::LeadState::Office));
    updateLabel(store::InboxFilter::Closed, counts.count(domain::LeadState::Closed));
}

void InboxFilterBar::updateLabel(store::InboxFilter filter, int count)
{
    QToolButton* chip = m_buttons.value(filter);
    chip->setText(count > 0 ? tr("%1 (%2)").arg(filterName(filter), QLocale().toString(count))
                            : filterName(filter));
}

} // namespace callsnare::ui
