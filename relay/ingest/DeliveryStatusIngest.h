#pragma once

#include "domain/Message.h"
#include "domain/Result.h"
#include "domain/Time.h"
#include "relay/storage/SqlDialect.h"

#include <optional>
#include <string>

namespace Poco::Data {
class Session;
}

namespace callsnare::relay {

// One delivery status callback for an outbound text.
struct DeliveryStatusReport {
    std::string orgId;
    std::string carrier = "twilio";
    std::string messageSid;
    std::string carrierStatus; // as sent ("delivered", "read", ...)
    // What it means for the message; nullopt for statuses that change nothing.
    std::optional<domain::DeliveryStatus> status;
    std::optional<int> errorCode;
    domain::Instant at{};
};

struct DeliveryStatusReceipt {
    bool duplicate = false; // this sid + status was already stored: nothing written
    bool applied = false; // the message's status moved forward
    std::string messageId; // empty when no message carries the sid (yet)
};

// Records one status callback, exactly once per (org, MessageSid, status):
// callbacks share the MessageSid, so keying on it alone would drop the later
// ones. The message's status only moves forward (domain::isDeliveryProgress),
// whatever order the callbacks arrive in. A callback for a sid no message
// carries yet is kept, so the sender can apply it once it records the sid.
class DeliveryStatusIngest {
public:
    explicit DeliveryStatusIngest(SqlDialect dialect) : m_dialect(dialect) { }

    domain::Result<DeliveryStatusReceipt> apply(Poco::Data::Session& session,
                                                const DeliveryStatusReport& report) const;

private:
    void optOutRecipient(Poco::Data::Session& session, const std::string& orgId, const std::string& messageId,
                         domain::Instant at) const;

    SqlDialect m_dialect;
};

} // namespace callsnare::relay
