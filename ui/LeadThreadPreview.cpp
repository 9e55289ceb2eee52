#include "ui/LeadThreadPreview.h"

#include "store/InboxQuery.h"

#include <QDateTime>
#include <QLocale>
#include <QStringList>

#include <utility>

namespace callsnare::ui {

namespace {

QString when(domain::Instant at)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(at.time_since_epoch().count()),
                              QLocale::ShortFormat);
}

} // namespace

LeadThreadPreview::LeadThreadPreview(QSqlDatabase db, QString orgId, QWidget* parent)
    : QPlainTextEdit(parent), m_db(std::move(db)), m_orgId(std::move(orgId))
{
    setObjectName(QStringLiteral("leadThreadPreview"));
    setAccessibleName(tr("Lead thread"));
    setReadOnly(true);
    setPlaceholderText(tr("Select a lead to see its calls, texts and notes."));
}

void LeadThreadPreview::showLead(const QString& leadId)
{
    m_leadId = leadId;
    refresh();
}

void LeadThreadPreview::refresh()
{
    if (m_leadId.isEmpty()) {
        clear();
        return;
    }
    QVector<store::ThreadItem> items;
    QString error;
    if (!store::InboxQuery(m_db, m_orgId).thread(m_leadId, &items, &error)) {
        setPlainText(tr("This lead's thread cannot be read: %1").arg(error));
        return;
    }
    QStringList lines;
    for (const store::ThreadItem& item : items) {
        QString line;
        switch (item.kind) {
        case store::ThreadItem::Kind::Call:
            line = item.type == QLatin1String("missed") ? tr("Missed call from %1").arg(item.text)
                                                        : tr("Call from %1 (%2)").arg(item.text, item.type);
            break;
        case store::ThreadItem::Kind::Message:
            line = item.type == QLatin1String("inbound")
                ? tr("Text from the homeowner: %1").arg(item.text)
                : tr("Text to the homeowner by the %1: %2 [%3]").arg(item.author, item.text, item.status);
            break;
        case store::ThreadItem::Kind::Lifecycle:
            line = item.text.isEmpty() ? item.type : QStringLiteral("%1: %2").arg(item.type, item.text);
            break;
        case store::ThreadItem::Kind::Note:
            line = tr("Note by %1: %2").arg(item.author, item.text);
            break;
        case store::ThreadItem::Kind::Booking:
            line = tr("Booking (%1) at %2 with %3").arg(item.type, item.text, item.author);
            break;
        }
        lines << QStringLiteral("%1  %2").arg(when(item.at), line);
    }
    setPlainText(lines.join(QLatin1Char('\n')));
}

} // namespace callsnare::ui
