#include "ui/SyncStatusIndicator.h"

#include <QLocale>
#include <QStringList>

namespace callsnare::ui {

SyncStatusIndicator::SyncStatusIndicator(QWidget* parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("syncStatus"));
    setAccessibleName(tr("Sync status"));
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    render();
}

void SyncStatusIndicator::setState(State state, const QString& detail)
{
    m_state = state;
    m_detail = detail;
    render();
}

void SyncStatusIndicator::setLastSynced(const QDateTime& at)
{
    m_lastSynced = at;
    render();
}

void SyncStatusIndicator::setCounts(qint64 outboxLeft, qint64 openConflicts)
{
    m_outboxLeft = outboxLeft;
    m_openConflicts = openConflicts;
    render();
}

void SyncStatusIndicator::render()
{
    QStringList parts;
    switch (m_state) {
    case State::NotEnrolled:
        parts << tr("Not enrolled: working offline (Sync > Enroll with a relay)");
        break;
    case State::Connecting:
        parts << tr("Connecting to the relay…");
        break;
    case State::Online:
        parts << tr("Online");
        break;
    case State::Offline:
        parts << (m_detail.isEmpty()
                      ? tr("Offline: the relay cannot be reached; retrying")
                      : tr("Offline: the relay cannot be reached (%1); retrying").arg(m_detail));
        break;
    case State::Stopped:
        parts << tr("Sync stopped: %1").arg(m_detail);
        break;
    }
    if (m_state != State::NotEnrolled) {
        parts
            << (m_lastSynced.isValid()
                    ? tr("last synced %1").arg(QLocale().toString(m_lastSynced.time(), QLocale::ShortFormat))
                    : tr("not synced yet"));
        parts << tr("%n queued", nullptr, static_cast<int>(m_outboxLeft));
        parts << tr("%n conflict(s)", nullptr, static_cast<int>(m_openConflicts));
    }
    const QString text = parts.join(QStringLiteral(" · "));
    setText(text);
    setAccessibleDescription(text);
    setToolTip(m_state == State::Offline || m_state == State::Stopped ? m_detail : QString());
}

} // namespace callsnare::ui
