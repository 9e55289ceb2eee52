#include "relay/twilio/TwilioSignature.h"

#include <Poco/Base64Encoder.h>
#include <Poco/DigestEngine.h>
#include <Poco/HMACEngine.h>
#include <Poco/SHA1Engine.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace callsnare::relay {

namespace {

std::string base64(const Poco::DigestEngine::Digest& digest)
{
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder.write(reinterpret_cast<const char*>(digest.data()), static_cast<std::streamsize>(digest.size()));
    encoder.close();
    return out.str();
}

std::string hmacSha1Base64(std::string_view key, std::string_view message)
{
    Poco::HMACEngine<Poco::SHA1Engine> hmac(key.data(), key.size());
    hmac.update(message.data(), message.size());
    return base64(hmac.digest());
}

// The pieces of a URL the port variants need; `valid` is false for anything
// that is not scheme://authority...
struct UrlParts {
    bool valid = false;
    std::string scheme; // lowercase
    std::string_view beforeHost; // "scheme://user:pass@"
    std::string_view host; // "example.com" or "[::1]"
    std::string_view port; // without ':'; empty when absent
    std::string_view rest; // path, query, fragment
};

UrlParts splitUrl(std::string_view url)
{
    UrlParts parts;
    const std::size_t schemeEnd = url.find("://");
    if (schemeEnd == std::string_view::npos || schemeEnd == 0) {
        return parts;
    }
    for (const char c : url.substr(0, schemeEnd)) {
        parts.scheme.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    }
    const std::size_t authorityStart = schemeEnd + 3;
    std::size_t authorityEnd = url.find_first_of("/?#", authorityStart);
    if (authorityEnd == std::string_view::npos) {
        authorityEnd = url.size();
    }
    const std::string_view authority = url.substr(authorityStart, authorityEnd - authorityStart);
    const std::size_t at = authority.rfind('@');
    const std::size_t hostStart = at == std::string_view::npos ? 0 : at + 1;
    const std::string_view hostPort = authority.substr(hostStart);

    std::size_t colon = std::string_view::npos;
    if (!hostPort.empty() && hostPort.front() == '[') {
        const std::size_t bracket = hostPort.find(']');
        if (bracket == std::string_view::npos) {
            return parts;
        }
        if (bracket + 1 < hostPort.size() && hostPort[bracket + 1] == ':') {
            colon = bracket + 1;
        }
    } else {
        colon = hostPort.rfind(':');
    }
    parts.beforeHost = url.substr(0, authorityStart + hostStart);
    parts.host = hostPort.substr(0, colon);
    parts.port = colon == std::string_view::npos ? std::string_view{} : hostPort.substr(colon + 1);
    parts.rest = url.substr(authorityEnd);
    parts.valid = !parts.host.empty();
    return parts;
}

std::string queryParameter(std::string_view url, std::string_view name)
{
    const std::size_t question = url.find('?');
    if (question == std::string_view::npos) {
        return {};
    }
    std::string_view query = url.substr(question + 1);
    query = query.substr(0, query.find('#'));
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        const std::size_t equals = pair.find('=');
        if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
            return std::string(pair.substr(equals + 1));
        }
        if (amp == std::string_view::npos) {
            break;
        }
        query.remove_prefix(amp + 1);
    }
    return {};
}

std::string lowercase(std::string text)
{
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return text;
}

bool anyVariantMatches(std::string_view authToken, std::string_view url, std::string_view signedSuffix,
                       std::string_view signature)
{
    bool matched = false;
    for (const std::string& variant : TwilioSignature::urlVariants(url)) {
        const std::string expected = hmacSha1Base64(authToken, variant + std::string(signedSuffix));
        // Every variant is computed and compared, so timing does not say which one matched.
        matched = TwilioSignature::constantTimeEquals(expected, signature) || matched;
    }
    return matched;
}

std::string sortedParams(const FormParams& params)
{
    std::map<std::string_view, std::set<std::string_view>> byName;
    for (const FormParam& param : params) {
        byName[param.name].insert(param.value);
    }
    std::string joined;
    for (const auto& [name, values] : byName) {
        for (const std::string_view value : values) {
            joined.append(name);
            joined.append(value);
        }
    }
    return joined;
}

} // namespace

std::string TwilioSignature::compute(std::string_view authToken, std::string_view url,
                                     const FormParams& params)
{
    return hmacSha1Base64(authToken, std::string(url) + sortedParams(params));
}

bool TwilioSignature::isValid(std::string_view authToken, std::string_view url, const FormParams& params,
                              std::string_view signature)
{
    if (authToken.empty() || signature.empty()) {
        return false;
    }
    return anyVariantMatches(authToken, url, sortedParams(params), signature);
}

bool TwilioSignature::isValidJsonBody(std::string_view authToken, std::string_view url,
                                      std::string_view rawBody, std::string_view signature)
{
    if (authToken.empty() || signature.empty()) {
        return false;
    }
    const std::string claimedHash = lowercase(queryParameter(url, "bodySHA256"));
    if (claimedHash.empty()) {
        return false;
    }
    const bool signatureOk = anyVariantMatches(authToken, url, {}, signature);
    const bool bodyOk = constantTimeEquals(bodySha256Hex(rawBody), claimedHash);
    return signatureOk && bodyOk;
}

std::vector<std::string> TwilioSignature::urlVariants(std::string_view url)
{
    std::vector<std::string> variants{std::string(url)};
    const UrlParts parts = splitUrl(url);
    if (!parts.valid) {
        return variants;
    }
    const auto add = [&variants](std::string candidate) {
        if (std::find(variants.begin(), variants.end(), candidate) == variants.end()) {
            variants.push_back(std::move(candidate));
        }
    };
    const std::string head = std::string(parts.beforeHost) + std::string(parts.host);
    if (!parts.port.empty() || url.size() > head.size() + parts.rest.size()) {
        add(head + std::string(parts.rest)); // port removed (also a bare trailing ':')
    }
    if (parts.port.empty()) {
        if (parts.scheme == "https") {
            add(head + ":443" + std::string(parts.rest));
        } else if (parts.scheme == "http") {
            add(head + ":80" + std::string(parts.rest));
        }
    }
    return variants;
}

std::string TwilioSignature::bodySha256Hex(std::string_view rawBody)
{
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(rawBody.data(), rawBody.size());
    return Poco::DigestEngine::digestToHex(sha.digest());
}

bool TwilioSignature::constantTimeEquals(std::string_view a, std::string_view b)
{
    const std::size_t length = std::max(a.size(), b.size());
    unsigned difference = a.size() == b.size() ? 0u : 1u;
    for (std::size_t i = 0; i < length; ++i) {
        const auto left = i < a.size() ? static_cast<unsigned char>(a[i]) : 0u;
        const auto right = i < b.size() ? static_cast<unsigned char>(b[i]) : 0u;
        difference |= static_cast<unsigned>(left ^ right);
    }
    return difference == 0;
}

} // namespace callsnare::relay
