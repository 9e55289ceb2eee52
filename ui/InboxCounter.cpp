#include "ui/InboxCounter.h"

#include <QTimer>

#include <utility>

namespace callsnare::ui {

InboxCounter::InboxCounter(QSqlDatabase db, QString orgId, QObject* parent)
    : QObject(parent), m_query(std::move(db), std::move(orgId)), m_timer(new QTimer(this))
{
    // Zero: the next step as soon as the events waiting (paints, keys) are handled.
    m_timer->setInterval(0);
    connect(m_timer, &QTimer::timeout, this, &InboxCounter::step);
}

void InboxCounter::start()
{
    m_progress = store::InboxCountProgress{};
    m_timer->start();
}

bool InboxCounter::isCounting() const
{
    return m_timer->isActive();
}

void InboxCounter::step()
{
    QString error;
    if (!m_query.countStep(&m_progress, kStepRows, &error)) {
        m_timer->stop();
        emit failed(error);
        return;
    }
    if (m_progress.done) {
        m_timer->stop();
        emit countsReady(m_progress.counts);
    }
}

} // namespace callsnare::ui
