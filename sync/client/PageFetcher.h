#pragma once

#include "protocol/EventFacts.h"

#include <QObject>
#include <QString>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace callsnare::syncclient {

// Catching up (initial sync, back from offline), fetches event pages and
// decodes them, facts included, on its own thread while the store's thread applies the ones
// before: fetching and decoding took about a third of a page's time, and
// applying must stay on the thread that owns the database connection.
//
// A run starts after a cursor and follows the relay's pages until one says
// has_more is false, or until it is cancelled or fails. It keeps at most
// `credits` pages ahead of the consumer, who grants one back for each page it
// takes. Lives on a thread of its own (SyncClient moves it there); every
// method is called through a queued invocation.
class PageFetcher : public QObject {
    Q_OBJECT

public:
    struct Run {
        quint64 id = 0;
        QString eventsUrl; // the relay's /v1/sync/events, without a query
        QString token;
        qint64 after = 0;
        int limit = 500;
        int credits = 4;
        int timeoutMs = 30000;
    };

    explicit PageFetcher(QObject* parent = nullptr);
    ~PageFetcher() override;

    void begin(const Run& run);
    void grant(quint64 runId);
    void cancel();

signals:
    void fetched(quint64 runId, std::shared_ptr<protocol::DecodedPage> page);
    // status: the HTTP status, 0 when no answer came, -1 when the answer
    // could not be decoded; `reason` says what happened in one sentence.
    void failed(quint64 runId, int status, const QString& reason);

private:
    void next();
    void onReply(QNetworkReply* reply);

    QNetworkAccessManager* m_network = nullptr; // made on the fetcher's thread
    Run m_run;
    bool m_active = false;
    bool m_done = false; // the last page said has_more is false
    QNetworkReply* m_inFlight = nullptr;
};

} // namespace callsnare::syncclient
