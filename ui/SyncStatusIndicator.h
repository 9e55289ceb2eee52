#pragma once

#include <QDateTime>
#include <QLabel>
#include <QString>

namespace callsnare::ui {

// The status bar's account of sync: whether the relay answers, when the
// profile last heard from it, how many actions wait in the outbox and how
// many the relay refused (conflicts). Plain text in the palette's colours, so
// it reads the same in light and dark themes and to a screen reader.
class SyncStatusIndicator : public QLabel {
    Q_OBJECT

public:
    enum class State {
        NotEnrolled, // no relay yet: the app works on the profile alone
        Connecting,
        Online,
        Offline, // the relay cannot be reached; the client retries
        Stopped, // the client gave up (a revoked token, an unreadable answer)
    };

    explicit SyncStatusIndicator(QWidget* parent = nullptr);

    void setState(State state, const QString& detail = {});
    void setLastSynced(const QDateTime& at);
    void setCounts(qint64 outboxLeft, qint64 openConflicts);

    State state() const { return m_state; }
    QString detail() const { return m_detail; }
    qint64 outboxLeft() const { return m_outboxLeft; }
    qint64 openConflicts() const { return m_openConflicts; }

private:
    void render();

    State m_state = State::NotEnrolled;
    QString m_detail;
    QDateTime m_lastSynced;
    qint64 m_outboxLeft = 0;
    qint64 m_openConflicts = 0;
};

} // namespace callsnare::ui
