#pragma once

#include "store/InboxQuery.h"

#include <QAbstractListModel>
#include <QSqlDatabase>
#include <QTimeZone>
#include <QVector>

namespace callsnare::ui {

// One lead's timeline, oldest first, from store::InboxQuery::thread: calls,
// texts in and out with their delivery status, notes, status changes and the
// automation's decisions with their reasons, and bookings. The display text
// of each fact is a header line (who, when, status) and its body.
class ThreadModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        KindRole = Qt::UserRole + 1, // int, store::ThreadItem::Kind
        ItemIdRole,
        AtRole, // qint64 seconds since the epoch
        TypeRole, // see ThreadItem::type
        StatusRole, // delivery status wire name of a text
        StatusTextRole, // the same, for people ("Delivered")
        AuthorRole,
        BodyRole,
        HeaderRole,
    };

    ThreadModel(QSqlDatabase db, QString orgId, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    void setTimeZone(const QTimeZone& zone) { m_zone = zone; }
    bool load(const QString& leadId, QString* error);
    void clear();
    QString leadId() const { return m_leadId; }
    const store::ThreadItem& itemAt(int row) const { return m_items.at(row); }

private:
    QString header(const store::ThreadItem& item) const;
    QString body(const store::ThreadItem& item) const;
    QString timeText(domain::Instant at) const;

    store::InboxQuery m_query;
    QVector<store::ThreadItem> m_items;
    QString m_leadId;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
};

} // namespace callsnare::ui
