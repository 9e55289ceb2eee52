#pragma once

#include "domain/Lead.h"

#include <QHash>
#include <QObject>
#include <QSqlDatabase>
#include <QString>

namespace callsnare::ui {

// Finds what deserves a desktop notification after sync applied events: a
// lead that was not in the inbox before (a new missed call) and a lead whose
// unread texts grew (the homeowner replied). It compares the newest page of
// the inbox with what it saw last time, so it needs nothing from the events
// themselves and the first look after start only takes note.
class LeadNotifier : public QObject {
    Q_OBJECT

public:
    static constexpr int kWatchedLeads = 100; // the newest leads compared each time

    LeadNotifier(QSqlDatabase db, QString orgId, QObject* parent = nullptr);

    // Records the inbox as it is, without notifying.
    void prime();

signals:
    void leadNeedsAttention(const QString& leadId, const QString& title, const QString& text);

public slots:
    // Compares with the last look and emits leadNeedsAttention for each change worth telling.
    void check();

private:
    struct Seen {
        domain::LeadState state = domain::LeadState::Missed;
        int unreadCount = 0;
    };
    bool look(bool notify);

    QSqlDatabase m_db;
    QString m_orgId;
    QHash<QString, Seen> m_seen;
    bool m_primed = false;
};

} // namespace callsnare::ui
