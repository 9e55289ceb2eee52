#include "ui/LeadListPreview.h"

#include "store/InboxQuery.h"
#include "ui/UiLogging.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLocale>

#include <utility>

namespace callsnare::ui {

namespace {

enum Column { ContactColumn, StateColumn, ActivityColumn, PreviewColumn };

QString shortDateTime(domain::Instant at)
{
    const QDateTime local = QDateTime::fromSecsSinceEpoch(at.time_since_epoch().count());
    return QLocale().toString(local, QLocale::ShortFormat);
}

} // namespace

LeadListPreview::LeadListPreview(QSqlDatabase db, QString orgId, QWidget* parent)
    : QTreeWidget(parent), m_db(std::move(db)), m_orgId(std::move(orgId))
{
    setObjectName(QStringLiteral("leadListPreview"));
    setAccessibleName(tr("Leads"));
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setHeaderLabels({tr("Contact"), tr("State"), tr("Last activity"), tr("Latest message")});
    header()->setStretchLastSection(true);
    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* current) {
        if (current) {
            emit leadActivated(current->data(ContactColumn, Qt::UserRole).toString());
        }
    });
    refresh();
}

QString LeadListPreview::stateName(domain::LeadState state)
{
    switch (state) {
    case domain::LeadState::Missed:
        return tr("Missed");
    case domain::LeadState::Texted:
        return tr("Texted");
    case domain::LeadState::Replied:
        return tr("Replied");
    case domain::LeadState::Booked:
        return tr("Booked");
    case domain::LeadState::Office:
        return tr("Office");
    case domain::LeadState::Closed:
        return tr("Closed");
    }
    return {};
}

void LeadListPreview::refresh()
{
    const QString selected = currentLeadId();
    QVector<store::InboxRow> rows;
    store::InboxPageRequest request;
    request.limit = kPageSize;
    m_lastError.clear();
    if (!m_orgId.isEmpty() && !store::InboxQuery(m_db, m_orgId).page(request, &rows, &m_lastError)) {
        qCWarning(lcUi) << "the lead list could not be read:" << m_lastError;
    }
    const QSignalBlocker quiet(this); // a refresh is not the user choosing a lead
    clear();
    QList<QTreeWidgetItem*> items;
    for (const store::InboxRow& row : rows) {
        auto* item = new QTreeWidgetItem;
        QString contact = row.contactName.isEmpty()
            ? row.contactPhone
            : QStringLiteral("%1 (%2)").arg(row.contactName, row.contactPhone);
        if (row.unreadCount > 0) {
            contact = tr("%1 — %n unread", nullptr, row.unreadCount).arg(contact);
        }
        item->setText(ContactColumn, contact);
        item->setData(ContactColumn, Qt::UserRole, row.leadId);
        item->setText(StateColumn, stateName(row.state));
        item->setText(ActivityColumn, shortDateTime(row.lastActivityAt));
        item->setText(PreviewColumn, row.preview);
        if (row.unreadCount > 0 || row.urgent) {
            QFont bold = item->font(ContactColumn);
            bold.setBold(true);
            for (int column = ContactColumn; column <= PreviewColumn; ++column) {
                item->setFont(column, bold);
            }
        }
        items << item;
    }
    addTopLevelItems(items);
    for (int column = ContactColumn; column < PreviewColumn; ++column) {
        resizeColumnToContents(column);
    }
    if (!selected.isEmpty()) {
        selectLead(selected);
    }
}

void LeadListPreview::selectLead(const QString& leadId)
{
    for (int index = 0; index < topLevelItemCount(); ++index) {
        QTreeWidgetItem* item = topLevelItem(index);
        if (item->data(ContactColumn, Qt::UserRole).toString() == leadId) {
            setCurrentItem(item);
            scrollToItem(item);
            return;
        }
    }
}

QStringList LeadListPreview::leadIds() const
{
    QStringList ids;
    for (int index = 0; index < topLevelItemCount(); ++index) {
        ids << topLevelItem(index)->data(ContactColumn, Qt::UserRole).toString();
    }
    return ids;
}

QString LeadListPreview::currentLeadId() const
{
    const QTreeWidgetItem* item = currentItem();
    return item ? item->data(ContactColumn, Qt::UserRole).toString() : QString();
}

} // namespace callsnare::ui
