#pragma once

#include "client/DeviceCredentials.h"
#include "client/PageFetcher.h"
#include "client/ReconnectBackoff.h"
#include "protocol/SyncEvents.h"
#include "store/OutboxRepository.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QSqlDatabase>
#include <QString>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <memory>
#include <vector>

class QNetworkReply;

namespace callsnare::syncclient {

// The desktop's connection to its relay: enrollment, then rounds of "flush the
// outbox in order, pull events to the end", once (syncOnce) or for as long as
// it runs (follow: long-polls the relay, so new events arrive as they
// commit). Network errors and 5xx answers keep the outbox, count an attempt
// and, when following, retry with ReconnectBackoff; a refused token or an
// answer that cannot be read stops the client with failed().
//
// Everything is asynchronous on the caller's thread and reported by signals,
// so a test drives it with QSignalSpy against a relay on 127.0.0.1.
class SyncClient : public QObject {
    Q_OBJECT

public:
    struct Options {
        DeviceCredentials::Storage tokenStorage = DeviceCredentials::Storage::Auto;
        int pageLimit = 500; // events per page (the relay allows up to 1000)
        // While the relay has more, pages are held and applied together in
        // one transaction of up to this many events (see onPullReply).
        int eventsPerTransaction = 10000;
        // Catching up, pages are fetched and decoded on a thread of their
        // own up to this many ahead of the one being applied (PageFetcher);
        // 0 fetches them one by one on this thread.
        int pagesAhead = 4;
        int waitSeconds = 25; // how long a long-poll may wait for new events
        int batchSize = 100; // mutations per flush request
        std::chrono::milliseconds initialBackoff{1000};
        std::chrono::milliseconds maxBackoff{60000};
    };

    // What the client did since it was opened.
    struct Totals {
        qint64 eventsApplied = 0;
        qint64 mutationsApplied = 0;
        qint64 conflicts = 0;
    };

    explicit SyncClient(QSqlDatabase db, QObject* parent = nullptr);
    SyncClient(QSqlDatabase db, Options options, QObject* parent = nullptr);
    ~SyncClient() override;

    // Exchanges a one-time code for a device token: stores the organization,
    // the relay URL and the device id in the profile and the token through
    // DeviceCredentials. Ends in enrolled() or failed().
    void enroll(const QUrl& relayUrl, const QString& code, const QString& deviceName);
    // Loads an enrollment made earlier (relay URL, device id, token). Ends in
    // ready() or failed().
    void open(const QString& orgId);
    // One round: flush, pull until has_more is false. Ends in roundFinished()
    // or failed() (an unreachable relay included).
    void syncOnce();
    // Rounds for as long as the client runs, long-polling between them.
    void follow();
    void stop();
    // A dispatcher action was queued: flush it now instead of after the
    // current long-poll.
    void outboxChanged();

    QString orgId() const { return m_orgId; }
    QUrl relayUrl() const { return m_relayUrl; }
    bool isOnline() const { return m_online; }
    Totals totals() const { return m_totals; }
    // The outbox entries still queued and the cursor, read from the store.
    bool progress(qint64* cursor, qint64* outboxLeft, qint64* openConflicts, QString* error) const;

    // The URL as the profile stores it: no trailing slash.
    static QString normalizedRelayUrl(const QUrl& url);

signals:
    // `tokenStore` is "keychain" or "profile"; `status` says it in words.
    void enrolled(const QString& orgId, const QString& orgName, const QString& tokenStore,
                  const QString& status);
    void ready();
    void eventsApplied(int count, qint64 cursor);
    void mutationsFlushed(int applied, int conflicts, int kept);
    // A dispatcher action the relay did not apply (409 stale, 404, 422).
    void conflictRecorded(const QString& clientUuid, const QString& kind, int status, const QString& message);
    void onlineChanged(bool online);
    // A pull found nothing more to fetch: the store holds every event the
    // relay had (in follow mode, before each long-poll).
    void caughtUp(qint64 cursor);
    // The relay could not be reached (or answered 5xx) while following; the
    // next attempt starts after `delayMs`.
    void retryScheduled(const QString& reason, qint64 delayMs);
    void roundFinished();
    // A failure that ends the current run (syncOnce, enroll, open); while
    // following, only what retrying cannot fix.
    void failed(const QString& error);

private:
    enum class Mode { Idle, Once, Follow };

    QNetworkRequest request(const QString& path, int timeoutMs) const;
    void startRound();
    void flushStep();
    void onFlushReply(QNetworkReply* reply, const std::vector<store::OutboxEntry>& sent);
    void pullStep(bool wait);
    void onPullReply(QNetworkReply* reply);
    // The cursor the next page follows: the last held event, else the store's.
    bool nextCursor(qint64* cursor);
    // A decoded page, from a pull or the fetcher: held, and applied once
    // enough is held or the relay has no more.
    void takePage(protocol::DecodedPage page);
    void askForMore();
    void startCatchUp(qint64 after);
    void cancelCatchUp();
    void onFetchedPage(quint64 runId, const std::shared_ptr<protocol::DecodedPage>& page);
    void onFetchFailed(quint64 runId, int status, const QString& reason);
    // Destroys applied events on the fetcher's thread (freeing a large page
    // of decoded JSON costs as much as a tenth of applying it).
    void discardHeld();
    bool outboxHasPending();
    void roundComplete();
    // A network error or 5xx: retry later when following, fail otherwise.
    void transientFailure(const QString& reason);
    void fatal(const QString& reason);
    void setOnline(bool online);

    QSqlDatabase m_db;
    Options m_options;
    QNetworkAccessManager m_network;
    ReconnectBackoff m_backoff;
    QTimer m_retryTimer;
    QString m_orgId;
    QUrl m_relayUrl;
    QString m_token;
    Mode m_mode = Mode::Idle;
    bool m_online = false;
    bool m_lastPageFull = false; // the previous page said has_more
    // The one request under way; set to null by its own finished handler.
    QNetworkReply* m_inFlight = nullptr;
    bool m_longPolling = false;
    bool m_flushRequested = false;
    Totals m_totals;
    // Pages of this round fetched but not yet applied; the next page is asked
    // for after the last of them.
    protocol::DecodedPage m_held;
    // The fetcher and its thread, made at the first catch-up; m_catchUp is
    // the run whose pages are awaited (0: none).
    QThread m_fetchThread;
    PageFetcher* m_fetcher = nullptr;
    quint64 m_catchUp = 0;
    quint64 m_runs = 0;
};

} // namespace callsnare::syncclient
