#pragma once

#include "store/InboxQuery.h"

#include <QObject>
#include <QSqlDatabase>
#include <QString>

class QTimer;

namespace callsnare::ui {

// Counts the inbox's leads per state for the filter chips without holding
// up the window: on a cold 100k-lead profile the full count reads the whole
// state index (most of a second), so it runs in steps of kStepRows index
// entries (InboxQuery::countStep), one per turn of the event loop, and
// paints and keys are handled between them. countsReady carries the result.
class InboxCounter : public QObject {
    Q_OBJECT

public:
    static constexpr int kStepRows = 2000;

    InboxCounter(QSqlDatabase db, QString orgId, QObject* parent = nullptr);

    // Starts a count; one already under way starts over (the store changed).
    void start();
    bool isCounting() const;

signals:
    void countsReady(const callsnare::store::InboxCounts& counts);
    void failed(const QString& error);

private:
    void step();

    store::InboxQuery m_query;
    store::InboxCountProgress m_progress;
    QTimer* m_timer;
};

} // namespace callsnare::ui
