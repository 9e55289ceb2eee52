// Fills a relay's event log with many leads for the sync benchmark: per lead
// the four events a missed call and the homeowner's reply produce
// (lead.created, call.missed, lead.updated, message.received), with the
// payloads the relay writes (the lead snapshots through the protocol's
// encoder), appended in large batches straight into the log. Writing through
// the webhook ingest instead costs about 1 ms of CPU per lead here, which
// would make seeding a million events the longest part of the benchmark.
//
//   sync_seed --data-dir DIR --leads N      prints the new org's id as its last line
//
// It links the relay (system libsqlite3), so it is its own process; the
// benchmark that reads the events into the encrypted store runs it.

#include "domain/PhoneNumber.h"
#include "protocol/EventFacts.h"
#include "protocol/JsonFields.h"
#include "relay/ingest/EventPayload.h"
#include "relay/ingest/LeadRecords.h"
#include "relay/storage/GroupCommitWriter.h"
#include "relay/storage/OrgDirectory.h"
#include "relay/storage/RelayDatabase.h"
#include "relay/storage/SecretBox.h"

#include <Poco/Data/Session.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

using namespace callsnare;
using namespace callsnare::relay;
using namespace Poco::Data::Keywords;

namespace {

constexpr long LeadsPerUnit = 5000;

int fail(const std::string& why)
{
    std::cerr << "sync_seed: " << why << '\n';
    return 1;
}

} // namespace

int main(int argc, char** argv)
{
    std::string dataDir;
    long leads = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--data-dir") == 0) {
            dataDir = argv[i + 1];
        } else if (std::strcmp(argv[i], "--leads") == 0) {
            leads = std::strtol(argv[i + 1], nullptr, 10);
        }
    }
    if (dataDir.empty() || leads <= 0 || argc != 5) {
        return fail("usage: sync_seed --data-dir DIR --leads N");
    }
    auto database = RelayDatabase::open(DatabaseOptions{dataDir, {}});
    if (!database) {
        return fail(database.error().message);
    }
    auto writer = GroupCommitWriter::start(*database.value());
    auto secrets = SecretBox::load(dataDir);
    if (!writer || !secrets) {
        return fail(!writer ? writer.error().message : secrets.error().message);
    }
    OrgDirectory directory(*database.value(), *writer.value(), std::move(secrets).value());
    const auto number = domain::PhoneNumber::parse("+15125550199").value();
    auto org
        = directory.createOrganization({"Benchmark Heating & Air", "America/Chicago", number,
                                        domain::PhoneNumber::parse("+15125550100").value(),
                                        "AC00000000000000000000000000000000", std::nullopt, "seed-token"});
    if (!org) {
        return fail(org.error().message);
    }
    const auto start = std::chrono::steady_clock::now();
    const domain::Instant base = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())
        - std::chrono::hours(24 * 30);
    const std::string orgId = org.value();
    Poco::Int64 seq = 0;
    // Ten thousand numbers per exchange, skipping the N11 service codes
    // (211, 311, ...), which are not phone numbers.
    std::vector<int> exchanges;
    for (int exchange = 200; exchange <= 999; ++exchange) {
        if (exchange % 100 != 11) {
            exchanges.push_back(exchange);
        }
    }
    for (long first = 0; first < leads; first += LeadsPerUnit) {
        const long last = std::min(leads, first + LeadsPerUnit);
        std::vector<std::string> orgs, kinds, payloads;
        std::vector<Poco::Int64> seqs, times;
        for (long i = first; i < last; ++i) {
            char phone[16];
            std::snprintf(
                phone, sizeof phone, "+1512%03d%04ld",
                exchanges[static_cast<std::size_t>((i / 10000) % static_cast<long>(exchanges.size()))],
                i % 10000);
            const domain::Instant at = base + std::chrono::seconds(i * 7);
            const domain::Instant replied = at + std::chrono::seconds(90);
            protocol::LeadSnapshot lead;
            lead.leadId = LeadRecords::newId();
            lead.contactId = LeadRecords::newId();
            lead.phone = phone;
            lead.stamps.missedAt = at;
            lead.lastCallAt = at;
            const std::string created = protocol::stringify(*protocol::encodeLeadSnapshot(lead));
            EventPayload call;
            call.set("carrier", "twilio").set("call_sid", "CA" + std::to_string(i)).set("from", phone);
            call.set("to", number.e164()).set("status", "no-answer").setInstant("occurred_at", at);
            call.set("contact_id", lead.contactId).set("lead_id", lead.leadId).set("placement", "new_lead");
            call.set("withheld", false);
            lead.state = domain::LeadState::Replied;
            lead.stamps.firstReplyAt = replied;
            lead.version = 2;
            const std::string updated = protocol::stringify(*protocol::encodeLeadSnapshot(lead));
            EventPayload reply;
            reply.set("message_id", LeadRecords::newId()).set("carrier", "twilio");
            reply.set("message_sid", "SM" + std::to_string(i)).set("lead_id", lead.leadId);
            reply.set("lead_state", "replied").set("contact_id", lead.contactId).set("from", phone);
            reply.set("to", number.e164());
            reply.set("body", "Our furnace is blowing cold air, can someone come today?")
                .set("media_count", 0);
            reply.set("keyword", "none").setInstant("received_at", replied);
            const std::pair<const char*, std::string> facts[] = {{"lead.created", created},
                                                                 {"call.missed", call.toJson()},
                                                                 {"lead.updated", updated},
                                                                 {"message.received", reply.toJson()}};
            for (const auto& [kind, payload] : facts) {
                orgs.push_back(orgId);
                seqs.push_back(++seq);
                kinds.push_back(kind);
                payloads.push_back(payload);
                times.push_back(static_cast<Poco::Int64>(
                    (kind == std::string("message.received") ? replied : at).time_since_epoch().count()));
            }
        }
        auto unit = writer.value()->run([&](Poco::Data::Session& session) -> domain::Result<void> {
            session << "INSERT INTO events (org_id, seq, kind, payload, created_at) VALUES (?, ?, ?, ?, ?)",
                use(orgs), use(seqs), use(kinds), use(payloads), use(times), now;
            session << "UPDATE org_event_counters SET last_seq = ? WHERE org_id = ?", use(seq), bind(orgId),
                now;
            return {};
        });
        if (!unit) {
            return fail(unit.error().message);
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "sync_seed: " << leads << " leads (" << leads * 4 << " events) in " << seconds << " s\n";
    writer.value()->stop();
    std::cout << org.value() << '\n';
    return 0;
}
