// A randomized property test of the automation, end to end: the real relay
// and the carrier stand-in on 127.0.0.1, several organizations sharing some
// homeowners, and a seeded random sequence of missed calls, replies,
// STOP/START/HELP keywords, billing changes and carrier faults. After every
// step, once the relay is quiet, every text the stand-in accepted since the
// step before is checked against a model of each contact's opt-out state and
// each org's billing, and the relay's queue against its own promises: no
// text to an opted-out contact (but the one STOP confirmation), no decision
// sent twice, one text-back per lead at most.
//
// CALLSNARE_PROPERTY_SEED fixes the seed (printed on every run) and
// CALLSNARE_PROPERTY_STEPS the number of steps per backend.

#include "PgCluster.h"
#include "RelayWithCarrier.h"

#include "relay/storage/RelayDatabase.h"

#include <Poco/Data/Session.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <map>
#include <memory>
#include <random>
#include <set>

using namespace callsnare::relay;
using callsnare::test::RelayWithCarrier;
using namespace Poco::Data::Keywords;

namespace {

struct OrgModel {
    QByteArray account;
    QByteArray token;
    QByteArray number;
    QByteArray onCall; // empty: none
    std::string id;
    QString billing = QStringLiteral("trial");

    bool inGoodStanding() const
    {
        return billing == QLatin1String("active") || billing == QLatin1String("trial");
    }
};

// Homeowners; each org sees five of them, overlapping, so that an opt-out
// at one business is seen not to leak into another.
const QByteArray homeowners[] = {"+15125550140", "+15125550141", "+15125550142", "+15125550143",
                                 "+15125550144", "+15125550145", "+15125550146", "+15125550147"};

const char* const stopWords[] = {"STOP", "stop",    " Stop ", "UNSUBSCRIBE", "cancel", "End",
                                 "QUIT", "stopall", "OPTOUT", "revoke",      "STOP."};
const char* const startWords[] = {"START", "start", "Yes", "UNSTOP", " unstop! "};
const char* const helpWords[] = {"HELP", "help", "Info"};
const char* const replies[] = {"AC blowing warm air",
                               "12 Elm St, Austin",
                               "Tomorrow morning works",
                               "Can you just call me?",
                               "please stop texting me",
                               "No heat and I smell gas!",
                               "ok thanks",
                               "Furnace is making a banging noise"};

enum class StepKind { Call, Reply, Stop, Start, Help, Billing, Fault };

const char* stepName(StepKind kind)
{
    switch (kind) {
    case StepKind::Call:
        return "missed call";
    case StepKind::Reply:
        return "reply";
    case StepKind::Stop:
        return "stop";
    case StepKind::Start:
        return "start";
    case StepKind::Help:
        return "help";
    case StepKind::Billing:
        return "billing";
    case StepKind::Fault:
        return "fault";
    }
    return "?";
}

// One accepted send, as the relay queued it.
struct JobFacts {
    bool found = false;
    std::string orgId;
    std::string purpose;
    std::string leadId;
};

} // namespace

class TestAutomationProperty : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void randomSequencesKeepTheRules_data();
    void randomSequencesKeepTheRules();

private:
    // The relay and the stand-in on `backend`, with the organizations of m_orgs.
    bool start(const QString& backend, QString* error);
    // No job being sent and none due within the next few seconds.
    bool quiet();
    JobFacts job(const std::string& messageId);
    bool relayOptedOut(const OrgModel& org, const QByteArray& phone);
    // The checks on the relay's queue; empty when they hold.
    QString queueViolation();

    callsnare::test::PgCluster m_cluster;
    QString m_pgSkipReason;
    std::unique_ptr<RelayWithCarrier> m_system;
    std::unique_ptr<RelayDatabase> m_database;
    std::vector<OrgModel> m_orgs;
};

void TestAutomationProperty::initTestCase()
{
    qunsetenv("CALLSNARE_RELAY_SECRETS_KEY");
    if (!callsnare::test::PgCluster::available(&m_pgSkipReason))
        return;
    QString error;
    QVERIFY2(m_cluster.start(&error), qPrintable(error));
}

void TestAutomationProperty::cleanupTestCase()
{
    m_cluster.stop();
}

void TestAutomationProperty::cleanup()
{
    m_database.reset();
    if (!m_system)
        return;
    QString error;
    const bool drained = m_system->stop(&error);
    m_system.reset();
    QVERIFY2(drained, qPrintable(error));
}

bool TestAutomationProperty::start(const QString& backend, QString* error)
{
    QString databaseUri;
    if (backend == QLatin1String("postgresql")) {
        databaseUri = m_cluster.createDatabase(QStringLiteral("automation_property"), error);
        if (databaseUri.isEmpty())
            return false;
    }
    m_orgs = {
        {"AC0000000000000000000000000000000a", "property-token-a", "+15125550199", "+15125550177", {}, {}},
        {"AC0000000000000000000000000000000b", "property-token-b", "+15125550198", {}, {}, {}},
        {"AC0000000000000000000000000000000c", "property-token-c", "+15125550197", {}, {}, {}},
    };
    m_system = std::make_unique<RelayWithCarrier>(QStringLiteral(CALLSNARE_RELAY_PATH),
                                                  QStringLiteral(CALLSNARE_CARRIER_STANDIN_PATH));
    for (const OrgModel& org : m_orgs)
        m_system->addAccount(org.account, org.token);
    if (!m_system->start(databaseUri, error))
        return false;
    int n = 0;
    for (OrgModel& org : m_orgs) {
        org.billing = QStringLiteral("trial");
        QStringList automation;
        if (!org.onCall.isEmpty())
            automation << "--on-call" << QString::fromLatin1(org.onCall);
        org.id = m_system
                     ->createOrg(QStringLiteral("Comfort Air %1").arg(++n), org.account, org.token,
                                 org.number, error, automation)
                     .toStdString();
        if (org.id.empty())
            return false;
        if (m_system
                ->admin({"billing", "set", "--org", QString::fromStdString(org.id), "--state", org.billing},
                        error)
                .isNull())
            return false;
    }

    DatabaseOptions options;
    options.dataDir = m_system->dataDir().toStdString();
    options.databaseUri = databaseUri.toStdString();
    auto database = RelayDatabase::open(options);
    if (!database) {
        *error = QString::fromStdString(database.error().message);
        return false;
    }
    m_database = std::move(database).value();
    return true;
}

bool TestAutomationProperty::quiet()
{
    Poco::Int64 busy = -1;
    Poco::Int64 horizon = QDateTime::currentMSecsSinceEpoch() + 5000;
    Poco::Data::Session session = m_database->reader();
    session << m_database->sql("SELECT COUNT(*) FROM outbound_jobs WHERE state = 'sending' "
                               "OR (state = 'pending' AND due_ms <= ?)"),
        use(horizon), into(busy), now;
    return busy == 0;
}

JobFacts TestAutomationProperty::job(const std::string& messageId)
{
    std::string id = messageId;
    std::vector<std::string> orgs;
    std::vector<std::string> purposes;
    std::vector<std::string> leads;
    Poco::Data::Session session = m_database->reader();
    session << m_database->sql("SELECT org_id, purpose, COALESCE(lead_id, '') FROM outbound_jobs "
                               "WHERE message_id = ?"),
        use(id), into(orgs), into(purposes), into(leads), now;
    JobFacts facts;
    if (orgs.size() == 1) {
        facts.found = true;
        facts.orgId = orgs.front();
        facts.purpose = purposes.front();
        facts.leadId = leads.front();
    }
    return facts;
}

bool TestAutomationProperty::relayOptedOut(const OrgModel& org, const QByteArray& phone)
{
    std::string orgId = org.id;
    std::string number = phone.toStdString();
    std::vector<Poco::Int64> flags;
    Poco::Data::Session session = m_database->reader();
    session << m_database->sql("SELECT opted_out FROM contacts WHERE org_id = ? AND phone = ?"), use(orgId),
        use(number), into(flags), now;
    return !flags.empty() && flags.front() != 0;
}

QString TestAutomationProperty::queueViolation()
{
    std::vector<std::string> orgs;
    std::vector<std::string> keys;
    std::vector<std::string> states;
    std::vector<std::string> errors;
    std::vector<std::string> purposes;
    std::vector<std::string> leads;
    Poco::Data::Session session = m_database->reader();
    session << m_database->sql("SELECT org_id, decision_key, state, COALESCE(last_error, ''), purpose, "
                               "COALESCE(lead_id, '') FROM outbound_jobs"),
        into(orgs), into(keys), into(states), into(errors), into(purposes), into(leads), now;
    std::set<std::pair<std::string, std::string>> decisions;
    std::map<std::string, int> textBacksSent;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (!decisions.insert({orgs[i], keys[i]}).second)
            return QStringLiteral("decision %1 has two jobs").arg(QString::fromStdString(keys[i]));
        const bool settled = states[i] == "sent" || states[i] == "refused" || states[i] == "failed"
            || (states[i] == "pending" && !errors[i].empty());
        if (!settled)
            return QStringLiteral("job for %1 left in state %2")
                .arg(QString::fromStdString(keys[i]), QString::fromStdString(states[i]));
        if (purposes[i] == "text_back" && states[i] == "sent" && ++textBacksSent[leads[i]] > 1)
            return QStringLiteral("lead %1 has two text-backs sent").arg(QString::fromStdString(leads[i]));
    }
    return {};
}

void TestAutomationProperty::randomSequencesKeepTheRules_data()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

void TestAutomationProperty::randomSequencesKeepTheRules()
{
    QFETCH(QString, backend);
    if (backend == QLatin1String("postgresql") && !m_cluster.isRunning())
        QSKIP(qPrintable(m_pgSkipReason));
    bool ok = false;
    quint64 seed = qEnvironmentVariable("CALLSNARE_PROPERTY_SEED").toULongLong(&ok);
    if (!ok)
        seed = std::random_device{}();
    int steps = qEnvironmentVariableIntValue("CALLSNARE_PROPERTY_STEPS", &ok);
    if (!ok || steps <= 0)
        steps = 40;
    qInfo("property seed %llu, %d steps (CALLSNARE_PROPERTY_SEED, CALLSNARE_PROPERTY_STEPS)",
          static_cast<unsigned long long>(seed), steps);
    // CALLSNARE_PROPERTY_VERBOSE=1 logs every step and text, to read a failure's history.
    const bool verbose = qEnvironmentVariableIsSet("CALLSNARE_PROPERTY_VERBOSE");
    std::mt19937_64 random(seed);
    const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };

    QString startError;
    QVERIFY2(start(backend, &startError), qPrintable(startError));

    // The model: opt-out per (org, homeowner); org i sees homeowners 2i..2i+4.
    std::map<std::pair<std::size_t, QByteArray>, bool> optedOut;
    const auto homeownerOf
        = [&](std::size_t org) { return homeowners[(2 * org + pick(5)) % std::size(homeowners)]; };
    std::set<std::string> tokensSeen;
    std::set<QString> sidsSeen;
    std::map<std::string, int> textBacksByLead;
    qsizetype messagesSeen = 0;
    qsizetype requestsSeen = 0;
    std::map<std::string, int> textsByPurpose; // for the summary line

    for (int step = 1; step <= steps; ++step) {
        const std::size_t orgIndex = pick(m_orgs.size());
        OrgModel& org = m_orgs[orgIndex];
        const QByteArray phone = homeownerOf(orgIndex);
        const int roll = static_cast<int>(pick(100));
        const StepKind kind = roll < 28 ? StepKind::Call
            : roll < 50                 ? StepKind::Reply
            : roll < 59                 ? StepKind::Stop
            : roll < 69                 ? StepKind::Start
            : roll < 76                 ? StepKind::Help
            : roll < 84                 ? StepKind::Billing
                                        : StepKind::Fault;
        const bool wasOptedOut = optedOut[{orgIndex, phone}];
        QString what = QStringLiteral("%1 at org %2 for %3").arg(stepName(kind)).arg(orgIndex).arg(phone);
        QJsonObject answer;
        switch (kind) {
        case StepKind::Call:
            answer = m_system->standIn().call(org.account, phone, org.number);
            break;
        case StepKind::Reply: {
            const char* body = replies[pick(std::size(replies))];
            what += QStringLiteral(": \"%1\"").arg(body);
            answer = m_system->standIn().inbound(org.account, phone, org.number, body);
            break;
        }
        case StepKind::Stop: {
            const char* body = stopWords[pick(std::size(stopWords))];
            what += QStringLiteral(": \"%1\"").arg(body);
            answer = m_system->standIn().inbound(org.account, phone, org.number, body);
            optedOut[{orgIndex, phone}] = true;
            break;
        }
        case StepKind::Start: {
            const char* body = startWords[pick(std::size(startWords))];
            what += QStringLiteral(": \"%1\"").arg(body);
            answer = m_system->standIn().inbound(org.account, phone, org.number, body);
            optedOut[{orgIndex, phone}] = false;
            break;
        }
        case StepKind::Help: {
            const char* body = helpWords[pick(std::size(helpWords))];
            what += QStringLiteral(": \"%1\"").arg(body);
            answer = m_system->standIn().inbound(org.account, phone, org.number, body);
            break;
        }
        case StepKind::Billing: {
            // Mostly in good standing, so that automated texts keep flowing.
            const char* const states[] = {"active", "active", "trial", "past_due", "canceled"};
            org.billing = QString::fromLatin1(states[pick(std::size(states))]);
            what = QStringLiteral("billing of org %1 to %2").arg(orgIndex).arg(org.billing);
            QString error;
            QVERIFY2(!m_system
                          ->admin({"billing", "set", "--org", QString::fromStdString(org.id), "--state",
                                   org.billing},
                                  &error)
                          .isNull(),
                     qPrintable(error));
            break;
        }
        case StepKind::Fault: {
            QJsonObject fault{{"count", 1}, {"to", QString::fromLatin1(phone)}};
            switch (pick(3)) {
            case 0:
                fault.insert("status", 503);
                break;
            case 1:
                fault.insert("drop_after_accept", true);
                break;
            default:
                fault.insert("status", 400);
                fault.insert("code", 21610);
                break;
            }
            what = QStringLiteral("fault for the next send to %1: %2")
                       .arg(phone, QString::fromUtf8(QJsonDocument(fault).toJson(QJsonDocument::Compact)));
            QVERIFY2(m_system->standIn().setFault(fault), qPrintable(m_system->standIn().lastError()));
            break;
        }
        }
        const QString where = QStringLiteral("seed %1 step %2 (%3)").arg(seed).arg(step).arg(what);
        if (kind != StepKind::Billing && kind != StepKind::Fault) {
            QVERIFY2(answer.value("relay_status").toInt() == 200,
                     qPrintable(where + ": relay answered "
                                + QString::fromUtf8(QJsonDocument(answer).toJson(QJsonDocument::Compact))));
        }
        if (verbose)
            qInfo("%s", qPrintable(where));
        QTRY_VERIFY2_WITH_TIMEOUT(quiet(), qPrintable(where + ": the relay did not settle"), 30000);

        // A carrier 21610 opts the recipient out at that business.
        const QJsonArray requests = m_system->standIn().requests();
        for (qsizetype i = requestsSeen; i < requests.size(); ++i) {
            const QJsonObject request = requests.at(i).toObject();
            if (request.value("method").toString() != QLatin1String("POST")
                || request.value("error_code").toInt() != 21610)
                continue;
            for (std::size_t o = 0; o < m_orgs.size(); ++o) {
                if (request.value("account_sid").toString() == QLatin1String(m_orgs[o].account))
                    optedOut[{o, request.value("to").toString().toLatin1()}] = true;
            }
        }
        // A compliance reply goes out unless the carrier refused it with 21610.
        bool refusedByCarrier = false;
        for (qsizetype i = requestsSeen; i < requests.size(); ++i)
            refusedByCarrier
                = refusedByCarrier || requests.at(i).toObject().value("error_code").toInt() == 21610;
        requestsSeen = requests.size();

        // (1) and (2): every text accepted during this step.
        const QJsonArray messages = m_system->standIn().messages();
        int confirmations = 0;
        for (qsizetype i = messagesSeen; i < messages.size(); ++i) {
            const QJsonObject message = messages.at(i).toObject();
            const QByteArray to = message.value("to").toString().toLatin1();
            const QString token = message.value("idempotency_token").toString();
            const QString text = QStringLiteral("%1: text %2 to %3 \"%4\"")
                                     .arg(where, message.value("sid").toString(), QString::fromLatin1(to),
                                          message.value("body").toString());
            QVERIFY2(!token.isEmpty(), qPrintable(text + " carries no idempotency token"));
            QVERIFY2(tokensSeen.insert(token.toStdString()).second,
                     qPrintable(text + " repeats relay message " + token));
            QVERIFY2(sidsSeen.insert(message.value("sid").toString()).second,
                     qPrintable(text + " was listed twice"));
            const JobFacts facts = job(token.toStdString());
            QVERIFY2(facts.found, qPrintable(text + " has no relay job"));
            std::size_t sender = m_orgs.size();
            for (std::size_t o = 0; o < m_orgs.size(); ++o) {
                if (m_orgs[o].id == facts.orgId)
                    sender = o;
            }
            QVERIFY2(sender < m_orgs.size(), qPrintable(text + " from an unknown org"));
            QVERIFY2(message.value("account_sid").toString() == QLatin1String(m_orgs[sender].account),
                     qPrintable(text + " sent on another org's account"));
            const std::string& purpose = facts.purpose;
            ++textsByPurpose[purpose];
            if (verbose)
                qInfo("  %s (%s, lead %s)", qPrintable(text), purpose.c_str(), facts.leadId.c_str());
            const QString described = text + " (" + QString::fromStdString(purpose) + ")";
            const bool automated
                = purpose == "text_back" || purpose == "intake" || purpose == "on_call_alert";
            if (automated) {
                QVERIFY2(m_orgs[sender].inGoodStanding(),
                         qPrintable(described + " while billing is " + m_orgs[sender].billing));
            }
            if (purpose == "on_call_alert") {
                QVERIFY2(to == m_orgs[sender].onCall, qPrintable(described + " not to the on-call number"));
                QVERIFY2(kind == StepKind::Reply && sender == orgIndex,
                         qPrintable(described + " without an urgent reply"));
                continue;
            }
            // Everything else goes to the homeowner this step was about.
            QVERIFY2(sender == orgIndex && to == phone,
                     qPrintable(described + " outside this step's exchange"));
            const bool nowOptedOut = optedOut[{orgIndex, phone}];
            if (purpose == "opt_out_confirmation") {
                QVERIFY2(kind == StepKind::Stop && !wasOptedOut && ++confirmations == 1,
                         qPrintable(described + " without a STOP that changed the opt-out"));
                continue;
            }
            if (purpose == "opt_in_confirmation") {
                QVERIFY2(kind == StepKind::Start && wasOptedOut && !nowOptedOut && ++confirmations == 1,
                         qPrintable(described + " without a START that changed the opt-out"));
                continue;
            }
            QVERIFY2(!wasOptedOut && !nowOptedOut, qPrintable(described + " to an opted-out contact"));
            if (purpose == "text_back") {
                QVERIFY2(kind == StepKind::Call, qPrintable(described + " without a missed call"));
                QVERIFY2(++textBacksByLead[facts.leadId] == 1,
                         qPrintable(described + " is a second text-back"));
            } else if (purpose == "intake") {
                QVERIFY2(kind == StepKind::Reply, qPrintable(described + " without a reply"));
            } else if (purpose == "help") {
                QVERIFY2(kind == StepKind::Help, qPrintable(described + " without HELP"));
            } else {
                QFAIL(qPrintable(described + " of a purpose nothing here asks for"));
            }
        }
        messagesSeen = messages.size();
        const bool changed = wasOptedOut != optedOut[{orgIndex, phone}];
        if (!refusedByCarrier && changed && (kind == StepKind::Stop || kind == StepKind::Start)) {
            QVERIFY2(confirmations == 1, qPrintable(where + ": the change of opt-out was not confirmed"));
        }

        // The model and the relay agree on who is opted out.
        for (std::size_t o = 0; o < m_orgs.size(); ++o) {
            for (const QByteArray& number : homeowners) {
                const bool modelled = optedOut[std::make_pair(o, number)];
                const bool stored = relayOptedOut(m_orgs[o], number);
                QVERIFY2(stored == modelled,
                         qPrintable(QStringLiteral("%1: org %2 and %3: the relay has opted_out = %4")
                                        .arg(where)
                                        .arg(o)
                                        .arg(QString::fromLatin1(number))
                                        .arg(stored)));
            }
        }
        // (3) and (4): the relay's queue.
        const QString violation = queueViolation();
        QVERIFY2(violation.isEmpty(), qPrintable(where + ": " + violation));
    }
    QString summary;
    for (const auto& [purpose, n] : textsByPurpose)
        summary += QStringLiteral(" %1=%2").arg(QString::fromStdString(purpose)).arg(n);
    qInfo("texts accepted by the carrier:%s; carrier requests %lld", qPrintable(summary),
          static_cast<long long>(requestsSeen));
}

QTEST_GUILESS_MAIN(TestAutomationProperty)
#include "tst_automationproperty.moc"
