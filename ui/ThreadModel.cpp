#include "ui/ThreadModel.h"

#include "ui/InboxItemDelegate.h"
#include "ui/LeadText.h"

#include <QApplication>
#include <QBrush>
#include <QDateTime>
#include <QLocale>
#include <QPalette>

#include <utility>

namespace callsnare::ui {

namespace {

using Kind = store::ThreadItem::Kind;

qint64 seconds(domain::Instant instant)
{
    return instant.time_since_epoch().count();
}

bool isOutbound(const store::ThreadItem& item)
{
    return item.kind == Kind::Message && item.type == QLatin1String("outbound");
}

} // namespace

ThreadModel::ThreadModel(QSqlDatabase db, QString orgId, QObject* parent)
    : QAbstractListModel(parent), m_query(std::move(db), std::move(orgId))
{
}

int ThreadModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

bool ThreadModel::load(const QString& leadId, QString* error)
{
    QVector<store::ThreadItem> items;
    if (!m_query.thread(leadId, &items, error)) {
        return false;
    }
    beginResetModel();
    m_items = std::move(items);
    m_leadId = leadId;
    endResetModel();
    return true;
}

void ThreadModel::clear()
{
    beginResetModel();
    m_items.clear();
    m_leadId.clear();
    endResetModel();
}

QString ThreadModel::timeText(domain::Instant at) const
{
    return LeadText::dateTime(at, m_zone);
}

QString ThreadModel::header(const store::ThreadItem& item) const
{
    const QString when = timeText(item.at);
    switch (item.kind) {
    case Kind::Call:
        return item.type == QLatin1String("answered") ? tr("Answered call \u00b7 %1").arg(when)
                                                      : tr("Missed call \u00b7 %1").arg(when);
    case Kind::Message: {
        if (item.type != QLatin1String("outbound")) {
            return tr("Homeowner \u00b7 %1").arg(when);
        }
        const QString who
            = item.author == QLatin1String("automation") ? tr("Automatic text") : tr("Dispatcher");
        QString status = LeadText::deliveryStatusName(item.status);
        if (item.carrierErrorCode) {
            status = tr("%1 (carrier error %2)").arg(status).arg(*item.carrierErrorCode);
        }
        return tr("%1 \u00b7 %2 \u00b7 %3").arg(who, when, status);
    }
    case Kind::Lifecycle:
        return when;
    case Kind::Note:
        return tr("Note by %1 \u00b7 %2").arg(item.author.isEmpty() ? tr("someone") : item.author, when);
    case Kind::Booking:
        return item.type == QLatin1String("canceled") ? tr("Visit canceled") : tr("Visit booked");
    }
    return when;
}

QString ThreadModel::body(const store::ThreadItem& item) const
{
    switch (item.kind) {
    case Kind::Call:
        return item.text.isEmpty() ? tr("Caller id withheld")
                                   : tr("From %1").arg(LeadText::phoneDisplay(item.text));
    case Kind::Message:
    case Kind::Note:
        return item.text;
    case Kind::Lifecycle: {
        const QString& kind = item.type;
        if (kind == QLatin1String("automation.text_back")) {
            return tr("Automation: %1").arg(item.text);
        }
        if (kind == QLatin1String("lead.state_changed")) {
            return tr("Status changed to %1").arg(item.text);
        }
        if (kind == QLatin1String("lead.taken_over")) {
            return tr("%1 took over; automation paused").arg(item.text);
        }
        if (kind == QLatin1String("lead.released")) {
            return tr("%1 released the lead; automation resumed").arg(item.text);
        }
        if (kind == QLatin1String("lead.handed_off")) {
            return tr("Handed to the office: %1").arg(item.text);
        }
        if (kind == QLatin1String("lead.flagged")) {
            return tr("Needs attention: %1").arg(item.text);
        }
        if (kind == QLatin1String("lead.urgent")) {
            return tr("Marked urgent: %1").arg(item.text);
        }
        if (kind == QLatin1String("lead.answered")) {
            return tr("Homeowner answered %1").arg(item.text);
        }
        return item.text.isEmpty() ? kind : tr("%1: %2").arg(kind, item.text);
    }
    case Kind::Booking: {
        const QString starts = item.startsAt ? timeText(*item.startsAt) : QString();
        QString text = tr("%1 for %n min", nullptr, item.durationMinutes).arg(starts);
        if (!item.author.isEmpty()) {
            text += tr(" with %1").arg(item.author);
        }
        if (!item.text.isEmpty()) {
            text += QLatin1Char('\n') + item.text;
        }
        return text;
    }
    }
    return item.text;
}

QVariant ThreadModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size()) {
        return {};
    }
    const store::ThreadItem& item = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return header(item) + QLatin1Char('\n') + body(item);
    case Qt::AccessibleTextRole:
        return header(item) + QStringLiteral(". ") + body(item);
    case Qt::TextAlignmentRole: {
        const Qt::Alignment side = isOutbound(item) ? Qt::AlignRight
            : item.kind == Kind::Message            ? Qt::AlignLeft
                                                    : Qt::AlignHCenter;
        return QVariant::fromValue(side | Qt::AlignVCenter);
    }
    case Qt::BackgroundRole: {
        // Tints of the palette so both light and dark themes read.
        const QPalette palette = QApplication::palette();
        const QColor base = palette.color(QPalette::Base);
        switch (item.kind) {
        case Kind::Message:
            return QBrush(isOutbound(item)
                              ? InboxItemDelegate::blend(base, palette.color(QPalette::Highlight), 0.18)
                              : palette.color(QPalette::AlternateBase));
        case Kind::Note:
            return QBrush(InboxItemDelegate::blend(base, QColor(0xc9, 0x8a, 0x00), 0.18));
        case Kind::Booking:
            return QBrush(InboxItemDelegate::blend(base, QColor(0x2e, 0x9d, 0x57), 0.22));
        default:
            return {};
        }
    }
    case Qt::ForegroundRole:
        if (item.kind == Kind::Lifecycle || item.kind == Kind::Call) {
            return QBrush(QApplication::palette().color(QPalette::PlaceholderText));
        }
        return {};
    case KindRole:
        return static_cast<int>(item.kind);
    case ItemIdRole:
        return item.id;
    case AtRole:
        return seconds(item.at);
    case TypeRole:
        return item.type;
    case StatusRole:
        return item.status;
    case StatusTextRole:
        return item.kind == Kind::Message ? LeadText::deliveryStatusName(item.status) : QString();
    case AuthorRole:
        return item.author;
    case BodyRole:
        return body(item);
    case HeaderRole:
        return header(item);
    default:
        return {};
    }
}

} // namespace callsnare::ui
