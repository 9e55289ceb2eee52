#include "client/SyncClient.h"

#include "client/EventApplier.h"
#include "client/OutboxSettlement.h"
#include "client/RelayReply.h"
#include "client/SyncLogging.h"
#include "domain/Organization.h"
#include "protocol/DeviceEnrollment.h"
#include "protocol/JsonFields.h"
#include "protocol/SyncEvents.h"
#include "protocol/SyncMutations.h"
#include "store/OrganizationRepository.h"
#include "store/StoreSql.h"
#include "store/SyncConflictRepository.h"
#include "store/SyncStateRepository.h"

#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

#include <chrono>
#include <utility>

namespace callsnare::syncclient {

namespace {

using store::toQString;

constexpr int kRequestTimeoutMs = 30000;
// A long-poll may take `wait` seconds before the relay answers; the transfer
// timeout leaves room beyond it for the answer itself.
constexpr int kLongPollMarginMs = 15000;

domain::Instant now()
{
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

} // namespace

SyncClient::SyncClient(QSqlDatabase db, QObject* parent) : SyncClient(std::move(db), Options{}, parent)
{
}

SyncClient::SyncClient(QSqlDatabase db, Options options, QObject* parent)
    : QObject(parent), m_db(std::move(db)), m_options(options),
      m_backoff(options.initialBackoff, options.maxBackoff)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &SyncClient::startRound);
}

SyncClient::~SyncClient()
{
    m_mode = Mode::Idle;
    if (QNetworkReply* reply = m_inFlight) {
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
    }
    if (m_fetcher) {
        // Destroyed on its own thread as that thread finishes.
        m_fetcher->deleteLater();
        m_fetchThread.quit();
        m_fetchThread.wait();
    }
}

QString SyncClient::normalizedRelayUrl(const QUrl& url)
{
    QString text = url.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments).toString();
    while (text.endsWith(QLatin1Char('/'))) {
        text.chop(1);
    }
    return text;
}

QNetworkRequest SyncClient::request(const QString& path, int timeoutMs) const
{
    QNetworkRequest request(QUrl(normalizedRelayUrl(m_relayUrl) + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(timeoutMs);
    if (!m_token.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    }
    return request;
}

// ------------------------------------------------------------ enrollment

void SyncClient::enroll(const QUrl& relayUrl, const QString& code, const QString& deviceName)
{
    if (!relayUrl.isValid() || relayUrl.host().isEmpty()
        || (relayUrl.scheme() != QLatin1String("http") && relayUrl.scheme() != QLatin1String("https"))) {
        emit failed(tr("\"%1\" is not a relay URL (http:// or https://).").arg(relayUrl.toString()));
        return;
    }
    const std::string canonical = protocol::canonicalEnrollmentCode(code.toStdString());
    if (canonical.empty()) {
        emit failed(tr("That is not an enrollment code (it looks like 7KQ2-M9XD-PA4T)."));
        return;
    }
    m_relayUrl = relayUrl;
    m_token.clear();
    const QByteArray body
        = QByteArray::fromStdString(protocol::encodeEnrollRequest({canonical, deviceName.toStdString()}));
    QNetworkReply* reply
        = m_network.post(request(QStringLiteral("/v1/devices/enroll"), kRequestTimeoutMs), body);
    m_inFlight = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_inFlight = nullptr;
        const QByteArray answer = reply->readAll();
        const int status = httpStatus(reply);
        if (status == 0) {
            emit failed(tr("The relay at %1 cannot be reached: %2")
                            .arg(normalizedRelayUrl(m_relayUrl), reply->errorString()));
            return;
        }
        if (status == 401) {
            emit failed(
                tr("The relay did not accept the enrollment code (unknown, already used or expired): %1")
                    .arg(relayError(reply, answer)));
            return;
        }
        if (status != 201 && status != 200) {
            emit failed(tr("The relay refused the enrollment (HTTP %1): %2")
                            .arg(status)
                            .arg(relayError(reply, answer)));
            return;
        }
        const auto response = protocol::decodeEnrollResponse(answer.toStdString());
        if (!response) {
            emit failed(tr("The relay's enrollment answer cannot be read: %1")
                            .arg(toQString(response.error().message)));
            return;
        }
        const protocol::EnrollResponse enrolledAs = response.value();
        const QString orgId = toQString(enrolledAs.orgId);
        QString error;
        const bool stored = store::inTransaction(m_db, &error, [&] {
            store::OrganizationRepository orgs(m_db);
            QString lookupError;
            if (!orgs.find(orgId, &lookupError)) {
                if (!lookupError.isEmpty()) {
                    error = lookupError;
                    return false;
                }
                domain::Organization org;
                org.id = enrolledAs.orgId;
                org.name = enrolledAs.orgName;
                org.timeZone = enrolledAs.timeZone;
                if (!orgs.save(org, &error)) {
                    return false;
                }
            }
            store::SyncStateRepository state(m_db, orgId);
            return state.setRelayUrl(normalizedRelayUrl(m_relayUrl), &error)
                && state.setDeviceId(toQString(enrolledAs.deviceId), &error);
        });
        if (!stored) {
            emit failed(tr("The enrollment could not be saved in the profile: %1").arg(error));
            return;
        }
        m_orgId = orgId;
        auto* credentials = new DeviceCredentials(m_db, orgId, m_options.tokenStorage, this);
        const QString token = toQString(enrolledAs.token);
        const QString orgName = toQString(enrolledAs.orgName);
        connect(credentials, &DeviceCredentials::saved, this,
                [this, credentials, token, orgId, orgName](const QString& where, const QString&) {
                    credentials->deleteLater();
                    m_token = token;
                    qCInfo(lcSync) << "enrolled with organization" << orgId << "; token in" << where;
                    emit enrolled(orgId, orgName, where, DeviceCredentials::describe(where));
                });
        connect(credentials, &DeviceCredentials::failed, this, [this, credentials](const QString& why) {
            credentials->deleteLater();
            emit failed(why);
        });
        credentials->save(token);
    });
}

void SyncClient::open(const QString& orgId)
{
    store::SyncStateRepository state(m_db, orgId);
    QString url;
    QString deviceId;
    QString error;
    if (!state.relayUrl(&url, &error) || !state.deviceId(&deviceId, &error)) {
        emit failed(error);
        return;
    }
    if (url.isEmpty() || deviceId.isEmpty()) {
        emit failed(tr("This profile is not enrolled with a relay for organization \"%1\"; enroll it with a "
                       "code first.")
                        .arg(orgId));
        return;
    }
    m_orgId = orgId;
    m_relayUrl = QUrl(url);
    auto* credentials = new DeviceCredentials(m_db, orgId, m_options.tokenStorage, this);
    connect(credentials, &DeviceCredentials::loaded, this, [this, credentials](const QString& token) {
        credentials->deleteLater();
        m_token = token;
        emit ready();
    });
    connect(credentials, &DeviceCredentials::failed, this, [this, credentials](const QString& why) {
        credentials->deleteLater();
        emit failed(why);
    });
    credentials->load();
}

// ------------------------------------------------------------ rounds

void SyncClient::syncOnce()
{
    if (m_token.isEmpty()) {
        emit failed(tr("This device is not enrolled (or its enrollment was not opened)."));
        return;
    }
    m_mode = Mode::Once;
    startRound();
}

void SyncClient::follow()
{
    if (m_token.isEmpty()) {
        emit failed(tr("This device is not enrolled (or its enrollment was not opened)."));
        return;
    }
    m_mode = Mode::Follow;
    m_lastPageFull = true; // pull at once before the first long-poll
    startRound();
}

void SyncClient::stop()
{
    m_mode = Mode::Idle;
    m_retryTimer.stop();
    cancelCatchUp();
    if (QNetworkReply* reply = m_inFlight) {
        reply->abort();
    }
}

void SyncClient::outboxChanged()
{
    if (m_mode != Mode::Follow || !m_inFlight || !m_longPolling) {
        return; // the running round flushes before it pulls again
    }
    m_flushRequested = true;
    if (QNetworkReply* reply = m_inFlight) {
        reply->abort();
    }
}

void SyncClient::startRound()
{
    if (m_mode == Mode::Idle || m_inFlight || m_catchUp) {
        return;
    }
    // A round starts from the stored cursor: what an interrupted round held
    // and did not apply is fetched again.
    m_held = {};
    flushStep();
}

void SyncClient::flushStep()
{
    std::vector<store::OutboxEntry> pending;
    QString error;
    if (!store::OutboxRepository(m_db, m_orgId).pending(m_options.batchSize, &pending, &error)) {
        fatal(tr("The outbox cannot be read: %1").arg(error));
        return;
    }
    if (pending.empty()) {
        pullStep(m_mode == Mode::Follow && !m_lastPageFull);
        return;
    }
    QNetworkReply* reply = m_network.post(request(QStringLiteral("/v1/sync/mutations"), kRequestTimeoutMs),
                                          OutboxSettlement::batchBody(pending));
    m_inFlight = reply;
    m_longPolling = false;
    connect(reply, &QNetworkReply::finished, this, [this, reply, pending] { onFlushReply(reply, pending); });
}

void SyncClient::onFlushReply(QNetworkReply* reply, const std::vector<store::OutboxEntry>& sent)
{
    reply->deleteLater();
    m_inFlight = nullptr;
    if (m_mode == Mode::Idle) {
        return;
    }
    const QByteArray body = reply->readAll();
    const int status = httpStatus(reply);
    OutboxSettlement settlement(m_db, m_orgId);
    QString error;
    if (status == 0 || status >= 500) {
        const QString reason = status == 0
            ? reply->errorString()
            : QStringLiteral("HTTP %1: %2").arg(status).arg(relayError(reply, body));
        if (!settlement.recordFailure(sent, reason, &error)) {
            fatal(error);
            return;
        }
        transientFailure(reason);
        return;
    }
    if (status == 401) {
        fatal(tr("The relay refused this device's token (revoked?); enroll the device again: %1")
                  .arg(relayError(reply, body)));
        return;
    }
    if (status != 200) {
        settlement.recordFailure(sent, QStringLiteral("HTTP %1").arg(status), &error);
        fatal(tr("The relay refused the queued changes (HTTP %1): %2")
                  .arg(status)
                  .arg(relayError(reply, body)));
        return;
    }
    const auto results = protocol::decodeMutationResults(body.toStdString());
    if (!results) {
        fatal(tr("The relay's answer to the queued changes cannot be read: %1")
                  .arg(toQString(results.error().message)));
        return;
    }
    SettleReport report;
    if (!settlement.settle(sent, results.value(), now(), &report, &error)) {
        fatal(tr("The relay's answers could not be saved: %1").arg(error));
        return;
    }
    setOnline(true);
    m_totals.mutationsApplied += report.applied;
    m_totals.conflicts += report.conflicts;
    for (const auto& conflict : report.recorded) {
        emit conflictRecorded(conflict.clientUuid, conflict.kind, conflict.status, conflict.message);
    }
    emit mutationsFlushed(report.applied, report.conflicts, report.kept);
    if (report.kept > 0) {
        transientFailure(tr("the relay kept %n queued change(s) for later", nullptr, report.kept));
        return;
    }
    flushStep();
}

bool SyncClient::nextCursor(qint64* cursor)
{
    if (!m_held.events.empty()) {
        *cursor = m_held.events.back().event.seq;
        return true;
    }
    QString error;
    if (!store::SyncStateRepository(m_db, m_orgId).cursor(cursor, &error)) {
        fatal(error);
        return false;
    }
    return true;
}

void SyncClient::pullStep(bool wait)
{
    qint64 cursor = 0;
    if (!nextCursor(&cursor)) {
        return;
    }
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("after"), QString::number(cursor));
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_options.pageLimit));
    const int waitSeconds = wait ? m_options.waitSeconds : 0;
    if (waitSeconds > 0) {
        query.addQueryItem(QStringLiteral("wait"), QString::number(waitSeconds));
    }
    QNetworkReply* reply
        = m_network.get(request(QStringLiteral("/v1/sync/events?") + query.toString(QUrl::FullyEncoded),
                                kRequestTimeoutMs + waitSeconds * 1000 + kLongPollMarginMs));
    m_inFlight = reply;
    m_longPolling = waitSeconds > 0;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onPullReply(reply); });
}

void SyncClient::onPullReply(QNetworkReply* reply)
{
    reply->deleteLater();
    m_inFlight = nullptr;
    m_longPolling = false;
    if (m_mode == Mode::Idle) {
        return;
    }
    if (m_flushRequested && reply->error() == QNetworkReply::OperationCanceledError) {
        m_flushRequested = false;
        QTimer::singleShot(0, this, &SyncClient::startRound);
        return;
    }
    m_flushRequested = false;
    const QByteArray body = reply->readAll();
    const int status = httpStatus(reply);
    if (status == 0 || status >= 500) {
        transientFailure(status == 0
                             ? reply->errorString()
                             : QStringLiteral("HTTP %1: %2").arg(status).arg(relayError(reply, body)));
        return;
    }
    if (status == 401) {
        fatal(tr("The relay refused this device's token (revoked?); enroll the device again: %1")
                  .arg(relayError(reply, body)));
        return;
    }
    if (status != 200) {
        fatal(
            tr("The relay refused the event request (HTTP %1): %2").arg(status).arg(relayError(reply, body)));
        return;
    }
    auto decoded = protocol::decodeFactPage(body.toStdString());
    if (!decoded) {
        fatal(tr("The relay's events cannot be read: %1").arg(toQString(decoded.error().message)));
        return;
    }
    takePage(std::move(decoded).value());
}

void SyncClient::takePage(protocol::DecodedPage page)
{
    setOnline(true);
    m_backoff.reset();
    // Catching up (initial sync, back from offline), pages are applied
    // several at a time: in a large store every page's new rows land on
    // pages of the same indexes spread all over the file, and one commit per
    // page would write and encrypt most of those index pages again each time.
    const bool hasMore = page.header.hasMore;
    m_held.header = page.header;
    m_held.events.insert(m_held.events.end(), std::make_move_iterator(page.events.begin()),
                         std::make_move_iterator(page.events.end()));
    if (hasMore && m_held.events.size() < static_cast<std::size_t>(m_options.eventsPerTransaction)) {
        askForMore();
        return;
    }
    const auto applied = EventApplier(m_db, m_orgId).apply(m_held);
    const bool anyEvents = !m_held.events.empty();
    discardHeld();
    if (!applied) {
        cancelCatchUp();
        fatal(tr("The relay's events could not be applied (none of them was kept): %1")
                  .arg(toQString(applied.error().message)));
        return;
    }
    m_totals.eventsApplied += applied->applied;
    if (anyEvents) {
        emit eventsApplied(applied->applied, applied->cursor);
    }
    m_lastPageFull = hasMore;
    if (!hasMore) {
        m_catchUp = 0; // the fetcher stops after a last page by itself
        emit caughtUp(applied->cursor);
    }
    if (m_mode == Mode::Follow) {
        if (hasMore && m_catchUp && !outboxHasPending()) {
            return; // the fetcher's next pages are on their way
        }
        // Flush what dispatchers queued meanwhile, then pull on.
        cancelCatchUp();
        startRound();
    } else if (hasMore) {
        askForMore();
    } else {
        roundComplete();
    }
}

void SyncClient::askForMore()
{
    if (m_catchUp) {
        return; // the fetcher is on it
    }
    if (m_options.pagesAhead <= 0) {
        pullStep(false);
        return;
    }
    qint64 cursor = 0;
    if (nextCursor(&cursor)) {
        startCatchUp(cursor);
    }
}

void SyncClient::startCatchUp(qint64 after)
{
    if (!m_fetcher) {
        m_fetcher = new PageFetcher;
        m_fetcher->moveToThread(&m_fetchThread);
        connect(m_fetcher, &PageFetcher::fetched, this, &SyncClient::onFetchedPage);
        connect(m_fetcher, &PageFetcher::failed, this, &SyncClient::onFetchFailed);
        m_fetchThread.setObjectName(QStringLiteral("sync-page-fetcher"));
        m_fetchThread.start();
    }
    PageFetcher::Run run;
    run.id = ++m_runs;
    run.eventsUrl = normalizedRelayUrl(m_relayUrl) + QStringLiteral("/v1/sync/events");
    run.token = m_token;
    run.after = after;
    run.limit = m_options.pageLimit;
    run.credits = m_options.pagesAhead;
    run.timeoutMs = kRequestTimeoutMs;
    m_catchUp = run.id;
    qCDebug(lcSync) << "catching up from" << after << "with" << run.credits << "pages ahead";
    QMetaObject::invokeMethod(
        m_fetcher, [fetcher = m_fetcher, run] { fetcher->begin(run); }, Qt::QueuedConnection);
}

void SyncClient::cancelCatchUp()
{
    if (!m_catchUp) {
        return;
    }
    m_catchUp = 0;
    QMetaObject::invokeMethod(m_fetcher, &PageFetcher::cancel, Qt::QueuedConnection);
}

void SyncClient::onFetchedPage(quint64 runId, const std::shared_ptr<protocol::DecodedPage>& page)
{
    if (runId != m_catchUp || m_mode == Mode::Idle) {
        return; // a cancelled run's page: the next round fetches it again
    }
    QMetaObject::invokeMethod(
        m_fetcher, [fetcher = m_fetcher, runId] { fetcher->grant(runId); }, Qt::QueuedConnection);
    takePage(std::move(*page));
}

void SyncClient::onFetchFailed(quint64 runId, int status, const QString& reason)
{
    if (runId != m_catchUp || m_mode == Mode::Idle) {
        return;
    }
    m_catchUp = 0;
    m_held = {}; // the next round starts again from the stored cursor
    if (status == 0 || status >= 500) {
        transientFailure(status == 0 ? reason : QStringLiteral("HTTP %1: %2").arg(status).arg(reason));
    } else if (status == 401) {
        fatal(
            tr("The relay refused this device's token (revoked?); enroll the device again: %1").arg(reason));
    } else if (status < 0) {
        fatal(tr("The relay's events cannot be read: %1").arg(reason));
    } else {
        fatal(tr("The relay refused the event request (HTTP %1): %2").arg(status).arg(reason));
    }
}

void SyncClient::discardHeld()
{
    auto spent = std::make_shared<std::vector<protocol::DecodedEvent>>(std::move(m_held.events));
    m_held = {};
    if (m_fetcher) {
        QMetaObject::invokeMethod(
            m_fetcher, [spent]() mutable { spent.reset(); }, Qt::QueuedConnection);
    }
}

bool SyncClient::outboxHasPending()
{
    qint64 pending = 0;
    QString error;
    return !store::OutboxRepository(m_db, m_orgId).count(&pending, &error) || pending > 0;
}

void SyncClient::roundComplete()
{
    m_mode = Mode::Idle;
    emit roundFinished();
}

void SyncClient::transientFailure(const QString& reason)
{
    setOnline(false);
    if (m_mode != Mode::Follow) {
        m_mode = Mode::Idle;
        emit failed(tr("The relay at %1 cannot be reached: %2").arg(normalizedRelayUrl(m_relayUrl), reason));
        return;
    }
    const auto delay = m_backoff.next();
    qCInfo(lcSync) << "relay unreachable:" << reason << "; trying again in" << delay.count() << "ms";
    m_retryTimer.start(delay);
    emit retryScheduled(reason, static_cast<qint64>(delay.count()));
}

void SyncClient::fatal(const QString& reason)
{
    m_mode = Mode::Idle;
    m_retryTimer.stop();
    qCWarning(lcSync) << "sync stopped:" << reason;
    emit failed(reason);
}

void SyncClient::setOnline(bool online)
{
    if (m_online != online) {
        m_online = online;
        emit onlineChanged(online);
    }
}

bool SyncClient::progress(qint64* cursor, qint64* outboxLeft, qint64* openConflicts, QString* error) const
{
    if (!store::SyncStateRepository(m_db, m_orgId).cursor(cursor, error)
        || !store::SyncConflictRepository(m_db, m_orgId).countOpen(openConflicts, error)) {
        return false;
    }
    return store::OutboxRepository(m_db, m_orgId).count(outboxLeft, error);
}

} // namespace callsnare::syncclient
