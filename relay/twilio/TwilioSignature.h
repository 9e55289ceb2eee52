#pragma once

#include "relay/twilio/FormBody.h"

#include <string>
#include <string_view>
#include <vector>

namespace callsnare::relay {

// Twilio's request validation (X-Twilio-Signature), as its security page and
// official helper libraries define it:
//   Base64(HMAC-SHA1(authToken, url + name1 + value1 + name2 + value2 ...))
// with the POST parameters sorted by name and, for a repeated name, each
// distinct value sorted. Only ever compared in constant time.
class TwilioSignature {
public:
    // The signature Twilio sends for a form-encoded POST to `url`.
    static std::string compute(std::string_view authToken, std::string_view url, const FormParams& params);

    // Whether `signature` is valid for the request. `url` is the full public
    // URL (scheme, host, optional port, path, query). Proxies differ in whether
    // the port reaches the signed URL, and Twilio itself keeps it for some
    // requests and drops it for others, so the URL as given, without its port
    // and with the scheme's default port added are all accepted.
    static bool isValid(std::string_view authToken, std::string_view url, const FormParams& params,
                        std::string_view signature);

    // The JSON-body variant: the URL carries bodySHA256=<hex SHA-256 of the
    // raw body>, the signature covers the URL alone, and the hash must match
    // the body actually received.
    static bool isValidJsonBody(std::string_view authToken, std::string_view url, std::string_view rawBody,
                                std::string_view signature);

    // The URL forms tried by isValid(), the URL as given first, without duplicates.
    static std::vector<std::string> urlVariants(std::string_view url);

    // Lowercase hex SHA-256, the bodySHA256 form.
    static std::string bodySha256Hex(std::string_view rawBody);

    // Compares every byte of the longer input whatever the contents, so the
    // time taken reveals nothing about where two values differ.
    static bool constantTimeEquals(std::string_view a, std::string_view b);
};

} // namespace callsnare::relay
