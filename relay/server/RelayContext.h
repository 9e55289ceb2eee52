#pragma once

#include "domain/Time.h"

#include <functional>
#include <string>

namespace callsnare::relay {

class Automation;
class EventNotifier;
class GroupCommitWriter;
class Metrics;
class OrgDirectory;
class OutboundSender;
class RelayDatabase;
struct RelayConfig;

// What route handlers may use, handed to every register*Routes() function.
// It outlives the HTTP server (the application drains the server first), so
// handlers may keep references to its members.
//
// Add a member here only when handlers of more than one module need it.
struct RelayContext {
    const RelayConfig& config;
    Metrics& metrics;
    // Whether the database answers; on false, *why (if given) says why in one
    // sentence without secrets. /readyz answers 503 with it. The storage layer
    // sets it; until then the relay reports itself not ready.
    std::function<bool(std::string* why)> databaseReady;
    // The storage, owned by RelayApplication::serve() and stopped only after
    // the server drained. Null where a test serves routes without storage;
    // routes that need it are then not registered.
    RelayDatabase* database = nullptr;
    // The one write path (group commit); see GroupCommitWriter.
    GroupCommitWriter* writer = nullptr;
    // Organizations and carrier accounts, secrets unsealed in memory.
    OrgDirectory* directory = nullptr;
    // Automation decided inside ingest transactions, and the sender posting
    // the texts it queued. Null where a test serves routes without them.
    const Automation* automation = nullptr;
    OutboundSender* sender = nullptr;
    // Wakes sync long-polls when the writer commits.
    EventNotifier* notifier = nullptr;
    // The system zoneinfo, for rules judged at someone's local time.
    const domain::TimeZoneConverter* zones = nullptr;
};

} // namespace callsnare::relay
