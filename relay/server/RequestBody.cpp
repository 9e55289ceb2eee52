#include "relay/server/RequestBody.h"

#include <array>
#include <istream>

namespace callsnare::relay {

bool readBody(Poco::Net::HTTPServerRequest& request, std::size_t limit, std::string& body)
{
    body.clear();
    std::istream& stream = request.stream();
    std::array<char, 8192> buffer{};
    while (stream) {
        stream.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto got = static_cast<std::size_t>(stream.gcount());
        if (got == 0)
            break;
        if (body.size() + got > limit)
            return false;
        body.append(buffer.data(), got);
    }
    return true;
}

} // namespace callsnare::relay
