#pragma once

#include "relay/twilio/FormBody.h"

#include <string>
#include <utility>
#include <vector>

namespace callsnare::standin {

// The outcome of one webhook delivery.
struct WebhookDelivery {
    int status = 0; // 0 when no HTTP answer arrived
    std::string body;
    std::string error; // why no answer arrived
    int attempts = 0;
};

// Posts a webhook the way Twilio does: form-encoded, X-Twilio-Signature
// computed with the account's auth token over `signedUrl` (the public URL the
// receiver validates against, which may differ from the address connected to)
// and the parameters. A connection failure is retried once, Twilio's default
// (#rc=1, #rp=ct); an HTTP answer of any status is final.
class WebhookPoster {
public:
    using Headers = std::vector<std::pair<std::string, std::string>>;

    static WebhookDelivery post(const std::string& url, const std::string& signedUrl,
                                const std::string& token, const relay::FormParams& params,
                                const Headers& headers = {});
};

} // namespace callsnare::standin
