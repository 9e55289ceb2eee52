#include "protocol/SyncMutations.h"

#include "protocol/JsonFields.h"

#include <Poco/JSON/Array.h>
#include <Poco/UUID.h>

namespace callsnare::protocol {

namespace {

constexpr std::size_t MaxBodyLength = 1600; // ten SMS segments
constexpr std::int64_t MaxBookingMinutes = 24 * 60;

std::string uuidField(JsonFields& fields, const std::string& key)
{
    std::string text = fields.string(key);
    if (fields.ok() && !isUuid(text)) {
        fields.reject(key, "\"" + text + "\" is not a UUID");
    }
    return text;
}

std::string textField(JsonFields& fields, const std::string& key, std::size_t maxLength)
{
    std::string text = fields.string(key);
    if (fields.ok() && text.find_first_not_of(" \t\r\n") == std::string::npos) {
        fields.reject(key, "must not be empty");
    } else if (fields.ok() && text.size() > maxLength) {
        fields.reject(key, "longer than " + std::to_string(maxLength) + " bytes");
    }
    return text;
}

BookingWrite readBookingWrite(JsonFields& fields, bool create)
{
    BookingWrite write;
    write.bookingId = uuidField(fields, "booking_id");
    if (create) {
        write.leadId = fields.string("lead_id");
    }
    write.startsAt = fields.instant("starts_at");
    write.durationMinutes = fields.integer("duration_minutes");
    if (fields.ok() && (write.durationMinutes < 15 || write.durationMinutes > MaxBookingMinutes)) {
        fields.reject("duration_minutes", "must be between 15 and " + std::to_string(MaxBookingMinutes));
    }
    write.technician = fields.optionalString("technician").value_or("");
    write.address = fields.optionalString("address").value_or("");
    return write;
}

domain::Result<MutationBody> readBody(JsonFields& fields, const std::string& kind)
{
    MutationBody body;
    if (kind == "message.send") {
        body = SendMessage{uuidField(fields, "message_id"), fields.string("lead_id"),
                           textField(fields, "body", MaxBodyLength)};
    } else if (kind == "note.add") {
        body = AddNote{uuidField(fields, "note_id"), fields.string("lead_id"), fields.string("author"),
                       textField(fields, "body", 10000)};
    } else if (kind == "lead.set_state") {
        SetLeadState move;
        move.leadId = fields.string("lead_id");
        const std::string state = fields.string("state");
        const auto parsed = domain::parseLeadState(state);
        if (fields.ok() && !parsed) {
            fields.reject("state", "\"" + state + "\" is not a lead state");
        }
        move.state = parsed.value_or(domain::LeadState::Office);
        if (const auto outcome = fields.optionalString("outcome")) {
            move.outcome = domain::parseCloseOutcome(*outcome);
            if (!move.outcome) {
                fields.reject("outcome", "\"" + *outcome + "\" is not a close outcome");
            }
        }
        body = move;
    } else if (kind == "lead.take_over" || kind == "lead.release") {
        body = TakeOver{fields.string("lead_id"), kind == "lead.take_over"};
    } else if (kind == "booking.create" || kind == "booking.change") {
        body = readBookingWrite(fields, kind == "booking.create");
    } else if (kind == "booking.cancel") {
        body = BookingCancel{uuidField(fields, "booking_id")};
    } else if (kind == "settings.change") {
        body = readSettingsChange(fields);
    } else {
        return domain::makeError("unknown_mutation", "\"" + kind + "\" is not a mutation this relay knows");
    }
    if (!fields.ok()) {
        return fields.error();
    }
    return body;
}

} // namespace

bool isUuid(std::string_view text)
{
    Poco::UUID uuid;
    return text.size() == 36 && uuid.tryParse(std::string(text));
}

bool needsBaseVersion(std::string_view kind)
{
    return kind == "lead.set_state" || kind == "lead.take_over" || kind == "lead.release"
        || kind == "booking.change" || kind == "booking.cancel" || kind == "settings.change";
}

namespace {

Poco::JSON::Object::Ptr encodeBody(const MutationBody& body)
{
    Poco::JSON::Object::Ptr data = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    std::visit(
        [&](const auto& item) {
            using T = std::decay_t<decltype(item)>;
            if constexpr (std::is_same_v<T, SendMessage>) {
                data->set("message_id", item.messageId);
                data->set("lead_id", item.leadId);
                data->set("body", item.body);
            } else if constexpr (std::is_same_v<T, AddNote>) {
                data->set("note_id", item.noteId);
                data->set("lead_id", item.leadId);
                data->set("author", item.author);
                data->set("body", item.body);
            } else if constexpr (std::is_same_v<T, SetLeadState>) {
                data->set("lead_id", item.leadId);
                data->set("state", std::string(domain::wireName(item.state)));
                setOptional(*data, "outcome",
                            item.outcome
                                ? std::optional<std::string>(std::string(domain::wireName(*item.outcome)))
                                : std::nullopt);
            } else if constexpr (std::is_same_v<T, TakeOver>) {
                data->set("lead_id", item.leadId);
            } else if constexpr (std::is_same_v<T, BookingWrite>) {
                data->set("booking_id", item.bookingId);
                if (!item.leadId.empty()) {
                    data->set("lead_id", item.leadId);
                }
                data->set("starts_at", domain::formatInstant(item.startsAt));
                data->set("duration_minutes", static_cast<Poco::Int64>(item.durationMinutes));
                data->set("technician", item.technician);
                data->set("address", item.address);
            } else if constexpr (std::is_same_v<T, BookingCancel>) {
                data->set("booking_id", item.bookingId);
            } else {
                encodeSettingsChange(*data, item);
            }
        },
        body);
    return data;
}

} // namespace

std::string encodeMutationBatch(const std::vector<Mutation>& mutations)
{
    Poco::JSON::Object root(Poco::JSON_PRESERVE_KEY_ORDER);
    root.set("protocol", ProtocolVersion);
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& mutation : mutations) {
        Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        item->set("id", mutation.id);
        item->set("kind", mutation.kind);
        setOptional(*item, "base_version", mutation.baseVersion);
        item->set("data", encodeBody(mutation.body));
        items->add(item);
    }
    root.set("mutations", items);
    return stringify(root);
}

domain::Result<std::vector<DecodedMutation>> decodeMutationBatch(std::string_view json, std::size_t maxItems)
{
    auto root = parseObject(json, "The mutation batch");
    if (!root) {
        return root.error();
    }
    JsonFields fields(root.value(), "");
    fields.requireProtocol();
    const auto items = fields.array("mutations");
    if (!fields.ok()) {
        return fields.error();
    }
    if (items->size() > maxItems) {
        return domain::makeError("batch_too_large",
                                 "mutations: at most " + std::to_string(maxItems) + " per request, got "
                                     + std::to_string(items->size()));
    }
    std::vector<DecodedMutation> decoded;
    decoded.reserve(items->size());
    for (unsigned i = 0; i < items->size(); ++i) {
        const std::string path = "mutations[" + std::to_string(i) + "]";
        const auto value = items->get(i);
        if (value.type() != typeid(Poco::JSON::Object::Ptr)) {
            return domain::makeError("invalid_field", path + ": expected an object");
        }
        JsonFields item(value.extract<Poco::JSON::Object::Ptr>(), path);
        const std::string id = uuidField(item, "id");
        if (!item.ok()) {
            return item.error();
        }
        const std::string kind = item.string("kind");
        const auto baseVersion = item.optionalInteger("base_version");
        if (item.ok() && needsBaseVersion(kind) && !baseVersion) {
            item.reject("base_version", "required for " + kind);
        }
        const auto data = item.object("data");
        if (!item.ok()) {
            decoded.push_back({id, item.error()});
            continue;
        }
        JsonFields dataFields(data, path + ".data");
        auto body = readBody(dataFields, kind);
        if (!body) {
            decoded.push_back({id, body.error()});
            continue;
        }
        decoded.push_back({id, Mutation{id, kind, baseVersion, std::move(body).value()}});
    }
    return decoded;
}

Poco::JSON::Object::Ptr encodeMutationResult(const MutationResult& result)
{
    Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    item->set("id", result.id);
    item->set("status", result.status);
    if (result.error) {
        Poco::JSON::Object::Ptr error = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        error->set("code", result.error->code);
        error->set("message", result.error->message);
        item->set("error", error);
    }
    if (result.current) {
        item->set("current", result.current);
    }
    if (result.data) {
        item->set("data", result.data);
    }
    return item;
}

std::string encodeMutationResults(const std::vector<Poco::JSON::Object::Ptr>& results)
{
    Poco::JSON::Object root(Poco::JSON_PRESERVE_KEY_ORDER);
    root.set("protocol", ProtocolVersion);
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& result : results) {
        items->add(result);
    }
    root.set("results", items);
    return stringify(root);
}

domain::Result<MutationResult> decodeMutationResult(Poco::JSON::Object::Ptr item, const std::string& path)
{
    JsonFields fields(std::move(item), path);
    MutationResult result;
    result.id = uuidField(fields, "id");
    result.status = static_cast<int>(fields.integer("status"));
    if (fields.ok() && (result.status < 200 || result.status > 599)) {
        fields.reject("status", "not an HTTP status");
    }
    if (fields.ok() && result.status != 200) {
        JsonFields error(fields.object("error"), fields.pathOf("error"));
        if (fields.ok()) {
            result.error = domain::makeError(error.string("code"), error.string("message"));
            if (!error.ok()) {
                return error.error();
            }
        }
    }
    result.current = fields.optionalObject("current");
    result.data = fields.optionalObject("data");
    if (!fields.ok()) {
        return fields.error();
    }
    return result;
}

domain::Result<std::vector<MutationResult>> decodeMutationResults(std::string_view json)
{
    auto root = parseObject(json, "The mutation results");
    if (!root) {
        return root.error();
    }
    JsonFields fields(root.value(), "");
    fields.requireProtocol();
    const auto items = fields.array("results");
    if (!fields.ok()) {
        return fields.error();
    }
    std::vector<MutationResult> results;
    results.reserve(items->size());
    for (unsigned i = 0; i < items->size(); ++i) {
        const std::string path = "results[" + std::to_string(i) + "]";
        const auto value = items->get(i);
        if (value.type() != typeid(Poco::JSON::Object::Ptr)) {
            return domain::makeError("invalid_field", path + ": expected an object");
        }
        auto result = decodeMutationResult(value.extract<Poco::JSON::Object::Ptr>(), path);
        if (!result) {
            return result.error();
        }
        results.push_back(std::move(result).value());
    }
    return results;
}

} // namespace callsnare::protocol
