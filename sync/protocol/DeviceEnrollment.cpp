#include "protocol/DeviceEnrollment.h"

#include "protocol/JsonFields.h"

#include <cctype>

namespace callsnare::protocol {

namespace {

constexpr std::size_t MaxDeviceName = 100;

} // namespace

std::string encodeEnrollRequest(const EnrollRequest& request)
{
    Poco::JSON::Object root(Poco::JSON_PRESERVE_KEY_ORDER);
    root.set("protocol", ProtocolVersion);
    root.set("code", request.code);
    root.set("device_name", request.deviceName);
    return stringify(root);
}

domain::Result<EnrollRequest> decodeEnrollRequest(std::string_view json)
{
    auto root = parseObject(json, "The enrollment request");
    if (!root) {
        return root.error();
    }
    JsonFields fields(root.value(), "");
    fields.requireProtocol();
    EnrollRequest request{fields.string("code"), fields.optionalString("device_name").value_or("")};
    if (fields.ok() && request.deviceName.size() > MaxDeviceName) {
        fields.reject("device_name", "longer than " + std::to_string(MaxDeviceName) + " bytes");
    }
    if (!fields.ok()) {
        return fields.error();
    }
    return request;
}

std::string encodeEnrollResponse(const EnrollResponse& response)
{
    Poco::JSON::Object root(Poco::JSON_PRESERVE_KEY_ORDER);
    root.set("protocol", ProtocolVersion);
    root.set("device_id", response.deviceId);
    root.set("token", response.token);
    Poco::JSON::Object::Ptr org = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    org->set("id", response.orgId);
    org->set("name", response.orgName);
    org->set("time_zone", response.timeZone);
    root.set("org", org);
    return stringify(root);
}

domain::Result<EnrollResponse> decodeEnrollResponse(std::string_view json)
{
    auto root = parseObject(json, "The enrollment response");
    if (!root) {
        return root.error();
    }
    JsonFields fields(root.value(), "");
    fields.requireProtocol();
    EnrollResponse response;
    response.deviceId = fields.string("device_id");
    response.token = fields.string("token");
    JsonFields org(fields.object("org"), "org");
    if (!fields.ok()) {
        return fields.error();
    }
    response.orgId = org.string("id");
    response.orgName = org.string("name");
    response.timeZone = org.string("time_zone");
    if (!org.ok()) {
        return org.error();
    }
    return response;
}

std::string canonicalEnrollmentCode(std::string_view typed)
{
    std::string code;
    for (const char c : typed) {
        if (c == '-' || c == ' ') {
            continue;
        }
        if (!std::isalnum(static_cast<unsigned char>(c)) || code.size() == 32) {
            return {};
        }
        code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return code;
}

} // namespace callsnare::protocol
