#include "protocol/ProofRecordFact.h"

#include "protocol/JsonFields.h"

#include <Poco/JSON/Array.h>

#include <set>

namespace callsnare::protocol {

namespace {

bool isHexDigest(const std::string& text)
{
    if (text.size() != 64) {
        return false;
    }
    for (const char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

std::string digest(JsonFields& fields, const std::string& key)
{
    std::string text = fields.string(key);
    if (fields.ok() && !isHexDigest(text)) {
        fields.reject(key, "expected 64 lowercase hex characters (a SHA-256), got \"" + text + "\"");
    }
    return text;
}

std::vector<std::pair<std::string, std::string>> readPairs(JsonFields& fields)
{
    std::vector<std::pair<std::string, std::string>> pairs;
    const auto items = fields.array("fields");
    if (!fields.ok()) {
        return pairs;
    }
    std::set<std::string, std::less<>> keys;
    for (unsigned i = 0; i < items->size(); ++i) {
        const std::string path = fields.pathOf("fields") + "[" + std::to_string(i) + "]";
        const auto value = items->get(i);
        if (value.type() != typeid(Poco::JSON::Object::Ptr)) {
            fields.fail(domain::makeError("invalid_field", path + ": expected an object"));
            break;
        }
        JsonFields item(value.extract<Poco::JSON::Object::Ptr>(), path);
        std::pair<std::string, std::string> pair{item.string("key"), item.string("value")};
        if (item.ok() && !keys.insert(pair.first).second) {
            item.reject("key", "\"" + pair.first + "\" is given twice");
        }
        if (!item.ok()) {
            fields.fail(item.error());
            break;
        }
        pairs.push_back(std::move(pair));
    }
    return pairs;
}

} // namespace

ProofRecordFact proofRecordFactOf(const domain::ProofRecord& record)
{
    ProofRecordFact fact;
    fact.sequence = static_cast<std::int64_t>(record.sequence);
    fact.kind = record.fact.kind;
    fact.occurredAt = record.fact.occurredAt;
    fact.fields = record.fact.fields;
    fact.previousHash = record.previousHash;
    fact.hash = record.hash;
    return fact;
}

domain::ProofRecord proofRecordOf(const ProofRecordFact& fact, std::string orgId)
{
    domain::ProofRecord record;
    record.sequence = static_cast<std::uint64_t>(fact.sequence);
    record.fact.orgId = std::move(orgId);
    record.fact.kind = fact.kind;
    record.fact.occurredAt = fact.occurredAt;
    record.fact.fields = fact.fields;
    record.previousHash = fact.previousHash;
    record.hash = fact.hash;
    return record;
}

Poco::JSON::Object::Ptr encodeProofRecord(const ProofRecordFact& record)
{
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    out->set("sequence", static_cast<Poco::Int64>(record.sequence));
    out->set("kind", record.kind);
    out->set("occurred_at", domain::formatInstant(record.occurredAt));
    Poco::JSON::Array::Ptr pairs = new Poco::JSON::Array;
    for (const auto& [key, value] : record.fields) {
        Poco::JSON::Object::Ptr pair = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        pair->set("key", key);
        pair->set("value", value);
        pairs->add(pair);
    }
    out->set("fields", pairs);
    out->set("previous_hash", record.previousHash);
    out->set("hash", record.hash);
    return out;
}

ProofRecordFact readProofRecord(JsonFields& fields)
{
    ProofRecordFact record;
    record.sequence = fields.integer("sequence");
    if (fields.ok() && record.sequence < 1) {
        fields.reject("sequence", "must be at least 1");
    }
    record.kind = fields.string("kind");
    if (fields.ok() && record.kind.empty()) {
        fields.reject("kind", "must not be empty");
    }
    record.occurredAt = fields.instant("occurred_at");
    record.fields = readPairs(fields);
    record.previousHash = digest(fields, "previous_hash");
    record.hash = digest(fields, "hash");
    return record;
}

} // namespace callsnare::protocol
