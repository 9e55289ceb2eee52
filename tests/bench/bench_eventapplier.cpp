// The desktop's initial sync (issue 6): N events of realistic missed-call
// stories (8 events per lead: lead.created, call.missed, automation.text_back,
// message.queued, message.sent, message.status, message.received,
// lead.updated), encoded as the relay's pages of 1000, applied page by page
// into a fresh encrypted profile through EventApplier (one transaction per
// page, cursor included). The baseline in the same run is decoding the same
// pages and their facts without writing, so the ratio says what the store
// costs on top of the protocol. It prints figures and never fails on timing.
//
//   bench_eventapplier [--events N]   (default 200000; the target is >= 20k events/s)

#include "client/EventApplier.h"
#include "domain/Organization.h"
#include "protocol/EventFacts.h"
#include "protocol/JsonFields.h"
#include "protocol/SyncEvents.h"
#include "store/OrganizationRepository.h"
#include "store/Profile.h"
#include "store/SqlCipherDriver.h"

#include <Poco/JSON/Object.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <cstdio>
#include <string>
#include <vector>

using namespace callsnare;

namespace {

constexpr int kPageSize = 1000;
constexpr double kTargetEventsPerSecond = 20000;
const std::string kOrg = "org-bench";

std::string iso(std::int64_t seconds)
{
    return domain::formatInstant(domain::Instant{std::chrono::seconds{seconds}});
}

std::string json(const Poco::JSON::Object& object)
{
    return protocol::stringify(object);
}

// The relay's payloads for lead `i` (see tests/sync/SyncFixture.h for their origin).
void appendStory(int i, std::vector<protocol::EventRecord>* events)
{
    const std::int64_t t0 = 1773150000 + static_cast<std::int64_t>(i) * 60;
    char idBuffer[64];
    const auto id = [&](const char* prefix) {
        std::snprintf(idBuffer, sizeof idBuffer, "%s-%08d-0000-4000-8000-000000000000", prefix, i);
        return std::string(idBuffer);
    };
    const std::string lead = id("1ead");
    const std::string contact = id("c0de");
    const std::string textBack = id("7e47");
    const std::string reply = id("5e91");
    char phone[16];
    std::snprintf(phone, sizeof phone, "+1512%07d", 2000000 + i % 7000000);
    const std::string sid = "SM" + std::to_string(1000000000 + i);
    const std::string callSid = "CA" + std::to_string(1000000000 + i);
    auto seq = [&] { return static_cast<std::int64_t>(events->size()) + 1; };

    protocol::LeadSnapshot snapshot;
    snapshot.leadId = lead;
    snapshot.contactId = contact;
    snapshot.phone = phone;
    snapshot.stamps.missedAt = domain::Instant{std::chrono::seconds{t0}};
    snapshot.lastCallAt = snapshot.stamps.missedAt;
    events->push_back(
        {seq(), "lead.created", snapshot.stamps.missedAt, json(*protocol::encodeLeadSnapshot(snapshot))});

    Poco::JSON::Object call(Poco::JSON_PRESERVE_KEY_ORDER);
    call.set("carrier", "twilio").set("call_sid", callSid).set("from", std::string(phone));
    call.set("to", "+15125550100").set("status", "no-answer").set("occurred_at", iso(t0));
    call.set("contact_id", contact).set("lead_id", lead).set("placement", "new_lead").set("withheld", false);
    events->push_back({seq(), "call.missed", snapshot.stamps.missedAt, json(call)});

    Poco::JSON::Object decided(Poco::JSON_PRESERVE_KEY_ORDER);
    decided.set("call_sid", callSid).set("lead_id", lead).set("action", "send_now");
    decided.set("reason", "business_hours")
        .set("explanation", "Texting back now with the business-hours template.");
    events->push_back({seq(), "automation.text_back", snapshot.stamps.missedAt, json(decided)});

    Poco::JSON::Object queued(Poco::JSON_PRESERVE_KEY_ORDER);
    queued.set("message_id", textBack)
        .set("lead_id", lead)
        .set("contact_id", contact)
        .set("to", std::string(phone));
    queued.set("body", "Sorry we missed your call! This is Polar Air HVAC. How can we help?");
    queued.set("purpose", "text_back").set("author", "automation").set("status", "queued");
    queued.set("verdict", "send").set("explanation", "Allowed.");
    events->push_back({seq(), "message.queued", domain::Instant{std::chrono::seconds{t0 + 1}}, json(queued)});

    Poco::JSON::Object sent(Poco::JSON_PRESERVE_KEY_ORDER);
    sent.set("message_id", textBack).set("lead_id", lead).set("carrier_sid", sid).set("purpose", "text_back");
    sent.set("attempts", 1).set("status", "sent");
    events->push_back({seq(), "message.sent", domain::Instant{std::chrono::seconds{t0 + 2}}, json(sent)});

    Poco::JSON::Object status(Poco::JSON_PRESERVE_KEY_ORDER);
    status.set("carrier", "twilio").set("message_sid", sid).set("message_id", textBack);
    status.set("carrier_status", "delivered").set("status", "delivered").set("applied", true);
    status.set("received_at", iso(t0 + 5));
    events->push_back({seq(), "message.status", domain::Instant{std::chrono::seconds{t0 + 5}}, json(status)});

    Poco::JSON::Object received(Poco::JSON_PRESERVE_KEY_ORDER);
    received.set("message_id", reply).set("carrier", "twilio").set("message_sid", "SMr" + std::to_string(i));
    received.set("lead_id", lead).set("lead_state", "replied").set("contact_id", contact);
    received.set("from", std::string(phone)).set("to", "+15125550100");
    received.set("body", "Furnace is blowing cold air, can someone come today? Unit " + std::to_string(i));
    received.set("media_count", 0).set("keyword", "none").set("received_at", iso(t0 + 300));
    events->push_back(
        {seq(), "message.received", domain::Instant{std::chrono::seconds{t0 + 300}}, json(received)});

    snapshot.state = domain::LeadState::Replied;
    snapshot.stamps.firstTextAt = domain::Instant{std::chrono::seconds{t0 + 2}};
    snapshot.stamps.firstReplyAt = domain::Instant{std::chrono::seconds{t0 + 300}};
    snapshot.version = 3;
    events->push_back({seq(), "lead.updated", *snapshot.stamps.firstReplyAt,
                       json(*protocol::encodeLeadSnapshot(snapshot))});
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("callsnare.*=false"));
    qint64 wanted = 200000;
    const QStringList args = QCoreApplication::arguments();
    const qsizetype at = args.indexOf(QStringLiteral("--events"));
    if (at >= 0 && at + 1 < args.size()) {
        wanted = args.at(at + 1).toLongLong();
    }
    const int leads = static_cast<int>(std::max<qint64>(1, wanted / 8));

    std::vector<protocol::EventRecord> events;
    events.reserve(static_cast<std::size_t>(leads) * 8);
    for (int i = 0; i < leads; ++i) {
        appendStory(i, &events);
    }
    std::vector<std::string> pages;
    for (std::size_t first = 0; first < events.size(); first += kPageSize) {
        const std::size_t last = std::min(events.size(), first + kPageSize);
        const std::vector<protocol::EventRecord> slice(events.begin() + static_cast<std::ptrdiff_t>(first),
                                                       events.begin() + static_cast<std::ptrdiff_t>(last));
        pages.push_back(protocol::encodeEventPage(
            {kOrg, static_cast<std::int64_t>(events.size()), last < events.size()}, slice));
    }
    const double total = static_cast<double>(events.size());

    // Baseline: the protocol's own work on the same pages.
    QElapsedTimer timer;
    timer.start();
    std::size_t decoded = 0;
    for (const auto& text : pages) {
        const auto page = protocol::decodeEventPage(text);
        for (const auto& event : page->events) {
            decoded += protocol::decodeFact(event).ok() ? 1u : 0u;
        }
    }
    const double decodeSeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;

    QTemporaryDir dir(qEnvironmentVariable("CALLSNARE_TEST_TMPDIR", QDir::tempPath())
                      + QStringLiteral("/bench-eventapplier-XXXXXX"));
    QString error;
    auto profile = store::Profile::create(dir.filePath(QStringLiteral("initial-sync.callsnare")),
                                          QStringLiteral("benchmark passphrase, not a secret"), &error);
    domain::Organization org;
    org.id = kOrg;
    org.name = "Polar Air HVAC";
    org.timeZone = "America/Chicago";
    if (!profile || !store::OrganizationRepository(profile->database()).save(org, &error)) {
        std::fprintf(stderr, "bench_eventapplier: %s\n", qPrintable(error));
        return 1;
    }
    syncclient::EventApplier applier(profile->database(), QString::fromStdString(kOrg));
    timer.restart();
    qint64 applied = 0;
    for (const auto& text : pages) {
        const auto report = applier.apply(protocol::decodeEventPage(text).value());
        if (!report) {
            std::fprintf(stderr, "bench_eventapplier: %s\n", report.error().message.c_str());
            return 1;
        }
        applied += report->applied;
    }
    const double applySeconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    if (decoded != events.size() || applied != static_cast<qint64>(events.size())) {
        std::fprintf(stderr, "bench_eventapplier: decoded %zu, applied %lld of %zu events\n", decoded,
                     static_cast<long long>(applied), events.size());
        return 1;
    }
    const double applyRate = total / applySeconds;
    const auto* driver = qobject_cast<const store::SqlCipherDriver*>(profile->database().driver());
    const store::SqlCipherDriver::PageCacheCounts cache
        = driver ? driver->pageCacheCounts() : store::SqlCipherDriver::PageCacheCounts{};
    std::printf("initial sync of %zu events (%d leads, %zu pages of %d) into an encrypted profile\n",
                events.size(), leads, pages.size(), kPageSize);
    std::printf("  decode only (baseline): %10.0f events/s  (%.2f s)\n", total / decodeSeconds,
                decodeSeconds);
    std::printf("  decode + apply:         %10.0f events/s  (%.2f s)  target >= %.0f/s: %s\n", applyRate,
                applySeconds, kTargetEventsPerSecond,
                applyRate >= kTargetEventsPerSecond ? "met" : "NOT met");
    std::printf("  apply / decode time:    %10.1fx\n", applySeconds / decodeSeconds);
    // Each page read is decrypted and authenticated, each page written
    // encrypted: what the store's size and key order cost, beside the time.
    std::printf("  pages per 1000 events:  %10.1f read, %.1f written  (cache %d MB)\n",
                static_cast<double>(cache.misses) * 1000.0 / total,
                static_cast<double>(cache.writes) * 1000.0 / total,
                store::SqlCipherDriver::kPageCacheKiB / 1024);
    return 0;
}
