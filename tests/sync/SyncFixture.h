#pragma once

// Shared by the sync client's suites: a fresh encrypted profile per case with
// one organization, event log entries shaped as the relay writes them
// (relay/ingest/*.cpp, relay/automation/*.cpp), and a dump of every row to
// compare a store before and after.

#include "QtTimeZoneConverter.h"

#include "domain/Organization.h"
#include "protocol/EventFacts.h"
#include "protocol/JsonFields.h"
#include "protocol/SyncEvents.h"
#include "store/OrganizationRepository.h"
#include "store/Profile.h"
#include "store/StoreSql.h"

#include <Poco/JSON/Object.h>

#include <QDir>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <string>
#include <vector>

namespace sync_fixture {

using namespace callsnare;

inline const QString kOrg = QStringLiteral("org-polar");
inline const std::string kOrgStd = "org-polar";
inline const std::string kOfficeNumber = "+15125550100";

// A payload built key by key, as the relay's EventPayload does.
class Payload {
public:
    Payload() : m_object(new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER)) { }
    template <typename T> Payload& set(const std::string& key, const T& value)
    {
        m_object->set(key, value);
        return *this;
    }
    Payload& setNull(const std::string& key)
    {
        m_object->set(key, Poco::Dynamic::Var());
        return *this;
    }
    Payload& at(const std::string& key, const char* iso) { return set(key, std::string(iso)); }
    std::string json() const { return protocol::stringify(*m_object); }

private:
    Poco::JSON::Object::Ptr m_object;
};

inline protocol::EventRecord record(std::int64_t seq, const std::string& kind, const char* at,
                                    const std::string& json)
{
    return protocol::EventRecord{seq, kind, utc(at), json};
}

inline protocol::LeadSnapshot lead(const std::string& leadId, const std::string& contactId,
                                   const std::string& phone, domain::LeadState state, std::int64_t version,
                                   const char* missedAt)
{
    protocol::LeadSnapshot snapshot;
    snapshot.leadId = leadId;
    snapshot.contactId = contactId;
    snapshot.phone = phone;
    snapshot.state = state;
    snapshot.stamps.missedAt = utc(missedAt);
    snapshot.lastCallAt = utc(missedAt);
    snapshot.version = version;
    return snapshot;
}

inline std::string leadJson(const protocol::LeadSnapshot& snapshot)
{
    return protocol::stringify(*protocol::encodeLeadSnapshot(snapshot));
}

// MissedCallIngest's call.missed.
inline std::string callMissed(const std::string& callSid, const std::string& from, const std::string& leadId,
                              const std::string& contactId, const char* at)
{
    return Payload()
        .set("carrier", std::string("twilio"))
        .set("call_sid", callSid)
        .set("from", from)
        .set("to", kOfficeNumber)
        .set("status", std::string("no-answer"))
        .at("occurred_at", at)
        .set("contact_id", contactId)
        .set("lead_id", leadId)
        .set("placement", std::string("new_lead"))
        .set("withheld", false)
        .json();
}

// Automation's automation.text_back.
inline std::string textBackDecision(const std::string& callSid, const std::string& leadId)
{
    return Payload()
        .set("call_sid", callSid)
        .set("lead_id", leadId)
        .set("action", std::string("send_now"))
        .set("reason", std::string("business_hours"))
        .set("explanation", std::string("Texting back now with the business-hours template."))
        .json();
}

// OutboundQueue's message.queued.
inline std::string messageQueued(const std::string& messageId, const std::string& leadId,
                                 const std::string& contactId, const std::string& to, const std::string& body,
                                 const std::string& author = "automation",
                                 const std::string& status = "queued")
{
    return Payload()
        .set("message_id", messageId)
        .set("lead_id", leadId)
        .set("contact_id", contactId)
        .set("to", to)
        .set("body", body)
        .set("purpose", std::string(author == "dispatcher" ? "dispatcher" : "text_back"))
        .set("author", author)
        .set("status", status)
        .set("verdict", std::string("send"))
        .set("explanation", std::string("Allowed: not opted out, billing in good standing."))
        .json();
}

// OutboundQueue's message.sent.
inline std::string messageSent(const std::string& messageId, const std::string& leadId,
                               const std::string& sid)
{
    return Payload()
        .set("message_id", messageId)
        .set("lead_id", leadId)
        .set("carrier_sid", sid)
        .set("purpose", std::string("text_back"))
        .set("attempts", 1)
        .set("status", std::string("sent"))
        .json();
}

// DeliveryStatusIngest's message.status.
inline std::string messageStatus(const std::string& messageId, const std::string& sid,
                                 const std::string& status, bool applied, const char* at)
{
    return Payload()
        .set("carrier", std::string("twilio"))
        .set("message_sid", sid)
        .set("message_id", messageId)
        .set("carrier_status", status)
        .set("status", status)
        .setNull("error_code")
        .set("applied", applied)
        .at("received_at", at)
        .json();
}

// OutboundQueue's message.failed.
inline std::string messageFailed(const std::string& messageId, const std::string& leadId, int code)
{
    return Payload()
        .set("message_id", messageId)
        .set("lead_id", leadId)
        .set("purpose", std::string("text_back"))
        .set("error_code", code)
        .set("reason", std::string("Twilio answered 400: unreachable handset"))
        .json();
}

// InboundTextIngest's message.received; an empty lead id writes null (a STOP
// from someone with no open lead).
inline std::string messageReceived(const std::string& messageId, const std::string& sid,
                                   const std::string& leadId, const std::string& contactId,
                                   const std::string& from, const std::string& body, const char* at)
{
    Payload payload;
    payload.set("message_id", messageId).set("carrier", std::string("twilio")).set("message_sid", sid);
    if (leadId.empty()) {
        payload.setNull("lead_id").setNull("lead_state");
    } else {
        payload.set("lead_id", leadId).set("lead_state", std::string("replied"));
    }
    return payload.set("contact_id", contactId)
        .set("from", from)
        .set("to", kOfficeNumber)
        .set("body", body)
        .set("media_count", 0)
        .set("keyword", std::string("none"))
        .at("received_at", at)
        .json();
}

// InboundTextIngest's contact.opted_out / contact.opted_in.
inline std::string optOutChange(const std::string& contactId, const std::string& phone, bool optedOut,
                                const char* at)
{
    return Payload()
        .set("contact_id", contactId)
        .set("phone", phone)
        .set("opted_out", optedOut)
        .set("source", std::string("keyword"))
        .set("message_sid", std::string("SM9f0000000000000000000000000000aa"))
        .at("changed_at", at)
        .json();
}

inline std::string encodedPage(const std::vector<protocol::EventRecord>& events, bool hasMore = false,
                               const std::string& orgId = kOrgStd)
{
    const std::int64_t last = events.empty() ? 0 : events.back().seq;
    return protocol::encodeEventPage({orgId, last, hasMore}, events);
}

inline protocol::EventPage page(const std::vector<protocol::EventRecord>& events, bool hasMore = false,
                                const std::string& orgId = kOrgStd)
{
    auto decoded = protocol::decodeEventPage(encodedPage(events, hasMore, orgId));
    if (!decoded) {
        qWarning() << "test page does not decode:" << decoded.error().message.c_str();
        return {};
    }
    return std::move(decoded).value();
}

// Every row of every table (the full-text index's text included), in a
// stable order: two dumps are equal when the stores hold the same data.
inline QStringList dump(const QSqlDatabase& db)
{
    QStringList tables;
    {
        QSqlQuery query(db);
        query.exec(
            QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                           "AND name NOT LIKE 'search_index%' ORDER BY name"));
        while (query.next()) {
            tables << query.value(0).toString();
        }
    }
    tables << QStringLiteral("search_index");
    QStringList rows;
    for (const QString& table : tables) {
        QSqlQuery query(db);
        const QString columns = table == QLatin1String("search_index")
            ? QStringLiteral("docid, body, org_key")
            : QStringLiteral("*");
        query.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY 1").arg(columns, table));
        while (query.next()) {
            QStringList values;
            for (int i = 0; i < query.record().count(); ++i) {
                values << query.value(i).toString();
            }
            rows << table + QLatin1Char(':') + values.join(QLatin1Char('|'));
        }
    }
    return rows;
}

inline qint64 scalar(const QSqlDatabase& db, const QString& sql, const QVariantList& values = {})
{
    QSqlQuery query(db);
    QString error;
    if (!store::execute(query, sql, values, &error) || !query.next()) {
        qWarning() << error;
        return -1;
    }
    return query.value(0).toLongLong();
}

inline QString text(const QSqlDatabase& db, const QString& sql, const QVariantList& values = {})
{
    QSqlQuery query(db);
    QString error;
    if (!store::execute(query, sql, values, &error) || !query.next()) {
        qWarning() << error;
        return QStringLiteral("<none>");
    }
    return query.value(0).toString();
}

// A fresh profile per case, holding the organization.
class ProfileCase {
public:
    void setUpSuite(const QString& name)
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString base = qEnvironmentVariable("CALLSNARE_TEST_TMPDIR", QDir::tempPath());
        m_tmp = std::make_unique<QTemporaryDir>(base + QLatin1Char('/') + name + QStringLiteral("-XXXXXX"));
    }

    // Without the organization row, for clients that make it on enrollment.
    bool setUpCase(QString* error, bool withOrganization = true)
    {
        m_profile
            = store::Profile::create(m_tmp->filePath(QStringLiteral("case-%1.callsnare").arg(++m_count)),
                                     QStringLiteral("sync tests"), error);
        if (!m_profile) {
            return false;
        }
        if (!withOrganization) {
            return true;
        }
        domain::Organization org;
        org.id = kOrgStd;
        org.name = "Polar Air HVAC";
        org.timeZone = "America/Chicago";
        return store::OrganizationRepository(m_profile->database()).save(org, error);
    }

    void tearDownCase() { m_profile.reset(); }
    // The case's profile, for a test that keeps several open at once.
    std::unique_ptr<store::Profile> takeProfile() { return std::move(m_profile); }

    QSqlDatabase db() const { return m_profile->database(); }
    QString path() const { return m_profile->path(); }
    QString dir() const { return m_tmp->path(); }

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<store::Profile> m_profile;
    int m_count = 0;
};

} // namespace sync_fixture
