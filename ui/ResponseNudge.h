#pragma once

#include "domain/BusinessHours.h"
#include "domain/Time.h"
#include "ui/Clock.h"
#include "ui/ResponseTarget.h"

#include <QHash>
#include <QObject>
#include <QSqlDatabase>
#include <QString>

#include <chrono>

class QTimer;

namespace callsnare::ui {

// Nudges the dispatchers when a homeowner has waited past the response
// target for a person's answer: one notification per lead and waiting
// episode (a new episode starts with the first text after a person's
// answer), urgent leads first, then the longest waiting. It reads the
// inbox's attention tiers, so it looks at the leads of the last days only.
class ResponseNudge : public QObject {
    Q_OBJECT

public:
    // Read in pages of kPageRows, at most kMaxPages of them.
    static constexpr int kPageRows = 200;
    static constexpr int kMaxPages = 10;
    // Targets are minutes: a look every 30 s nudges at most half a minute late.
    static constexpr int kCheckMs = 30 * 1000;

    ResponseNudge(QSqlDatabase db, QString orgId, QObject* parent = nullptr);

    void setClock(Clock clock) { m_clock = std::move(clock); }
    void setResponseTarget(std::chrono::minutes target) { m_target.setTarget(target); }
    void setBusinessHours(domain::BusinessHours hours) { m_target.setHours(std::move(hours)); }
    void setTimeZone(const QTimeZone& zone) { m_target.setTimeZone(zone); }
    // Checks every kCheckMs from now on (sync and actions call check() too).
    void startTimer();

signals:
    void leadNeedsAttention(const QString& leadId, const QString& title, const QString& text);

public slots:
    void check();

private:
    QSqlDatabase m_db;
    QString m_orgId;
    Clock m_clock = systemClock();
    ResponseTarget m_target;
    // The waiting episode each lead was nudged for: its awaitingReplySince.
    QHash<QString, domain::Instant> m_nudged;
    QTimer* m_timer;
};

} // namespace callsnare::ui
