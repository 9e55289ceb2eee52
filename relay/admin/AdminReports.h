#pragma once

#include "relay/storage/LeadSupportView.h"
#include "relay/sync/DeviceRegistry.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace callsnare::relay {

// How `callsnare-relay admin` prints what it reads: a line per item for a
// person, or one JSON object (--json) for scripts and tests.

// `admin leads`: a lead a line (id, number, state, missed at, calls, messages).
void writeLeadsText(const std::vector<SupportLead>& leads, std::ostream& out);
// {"org_id": ..., "leads": [{..., "messages": [...]}]}
void writeLeadsJson(const std::string& orgId, const std::vector<SupportLead>& leads, std::ostream& out);

// `admin device list`: a device a line (id, name, enrolled at, active|revoked).
void writeDevicesText(const std::vector<DeviceListing>& devices, std::ostream& out);
// {"org_id": ..., "devices": [{"id", "name", "created_at", "last_seen_at", "revoked_at"}]}
void writeDevicesJson(const std::string& orgId, const std::vector<DeviceListing>& devices, std::ostream& out);

} // namespace callsnare::relay
