#pragma once

#include "domain/Result.h"

#include <string>
#include <string_view>

namespace callsnare::protocol {

// POST /v1/devices/enroll {"protocol":1,"code":"7KQ2-M9XD-PA4T","device_name":"Front desk"}
struct EnrollRequest {
    std::string code;
    std::string deviceName;
};

// 201 {"protocol":1,"device_id":"...","token":"...","org":{"id":"...","name":"...","time_zone":"..."}}
// The token is shown once; the relay keeps only its hash. Every sync request
// carries it as "Authorization: Bearer <token>".
struct EnrollResponse {
    std::string deviceId;
    std::string token;
    std::string orgId;
    std::string orgName;
    std::string timeZone;
};

std::string encodeEnrollRequest(const EnrollRequest& request);
domain::Result<EnrollRequest> decodeEnrollRequest(std::string_view json);
std::string encodeEnrollResponse(const EnrollResponse& response);
domain::Result<EnrollResponse> decodeEnrollResponse(std::string_view json);

// An enrollment code as people type it: case, spaces and dashes do not
// matter. Returns the canonical form ("7KQ2M9XDPA4T") or empty when the text
// cannot be a code.
std::string canonicalEnrollmentCode(std::string_view typed);

} // namespace callsnare::protocol
