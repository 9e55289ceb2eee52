#include "QtTimeZoneConverter.h"
#include "domain/AutomationTexts.h"
#include "domain/MessageTemplate.h"
#include "domain/ReplyCues.h"
#include "domain/ResponseRules.h"
#include "domain/SendGate.h"

#include <QTest>

using namespace callsnare::domain;

Q_DECLARE_METATYPE(callsnare::domain::SendPurpose)
Q_DECLARE_METATYPE(callsnare::domain::BillingState)
Q_DECLARE_METATYPE(callsnare::domain::SendVerdictKind)

namespace {

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

Lead openLead(LeadState state = LeadState::Texted)
{
    Lead lead = Lead::missed("lead-1", "org-1", "contact-1", utc("2026-07-01T15:00:00Z"));
    lead.state = state;
    return lead;
}

std::vector<IntakeQuestion> questions()
{
    const auto defaults = defaultIntakeQuestions();
    return {defaults.begin(), defaults.end()};
}

} // namespace

// The gate in the order its rules are documented: opt-out, compliance
// replies, dispatcher, billing, take-over, quiet hours at the recipient's clock.
class TestAutomationRules : public QObject {
    Q_OBJECT

private slots:
    void judgeSend_data()
    {
        QTest::addColumn<SendPurpose>("purpose");
        QTest::addColumn<bool>("optedOut");
        QTest::addColumn<BillingState>("billing");
        QTest::addColumn<bool>("paused");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("now");
        QTest::addColumn<SendVerdictKind>("kind");
        QTest::addColumn<QString>("explanation");

        const auto send = SendVerdictKind::Send;
        const auto refuse = SendVerdictKind::Refuse;
        const auto defer = SendVerdictKind::Defer;
        const auto active = BillingState::Active;
        const auto pastDue = BillingState::PastDue;
        // 15:00 UTC in July: 11:00 in New York, 08:00 in Los Angeles; 03:00 UTC: 23:00 / 20:00.
        const QString day = "2026-07-01T15:00:00Z";
        const QString night = "2026-07-02T03:00:00Z";
        const QString ny = "America/New_York";
        const QString la = "America/Los_Angeles";

        QTest::newRow("text-back in daytime")
            << SendPurpose::TextBack << false << active << false << ny << day << send << "sent";
        QTest::newRow("opted out refuses a text-back") << SendPurpose::TextBack << true << active << false
                                                       << ny << day << refuse << "not sent: opted out";
        QTest::newRow("opted out refuses a dispatcher's text")
            << SendPurpose::Dispatcher << true << active << false << ny << day << refuse
            << "not sent: opted out";
        QTest::newRow("opted out refuses HELP")
            << SendPurpose::Help << true << active << false << ny << day << refuse << "not sent: opted out";
        QTest::newRow("STOP confirmation reaches the opted-out, at night, past due")
            << SendPurpose::OptOutConfirmation << true << pastDue << true << ny << night << send << "sent";
        QTest::newRow("STOP confirmation after START is refused")
            << SendPurpose::OptOutConfirmation << false << active << false << ny << day << refuse
            << "not sent: opted back in since";
        QTest::newRow("HELP ignores billing and quiet hours")
            << SendPurpose::Help << false << BillingState::Canceled << false << ny << night << send << "sent";
        QTest::newRow("past due refuses a text-back") << SendPurpose::TextBack << false << pastDue << false
                                                      << ny << day << refuse << "not sent: billing past_due";
        QTest::newRow("canceled refuses a reminder")
            << SendPurpose::Reminder << false << BillingState::Canceled << false << ny << day << refuse
            << "not sent: billing canceled";
        QTest::newRow("past due refuses an on-call alert")
            << SendPurpose::OnCallAlert << false << pastDue << false << ny << day << refuse
            << "not sent: billing past_due";
        QTest::newRow("past due does not stop a dispatcher")
            << SendPurpose::Dispatcher << false << pastDue << true << ny << night << send << "sent";
        QTest::newRow("trial sends") << SendPurpose::TextBack << false << BillingState::Trial << false << ny
                                     << day << send << "sent";
        QTest::newRow("taken over refuses intake")
            << SendPurpose::Intake << false << active << true << ny << day << refuse
            << "not sent: automation paused on this lead";
        QTest::newRow("on-call alert goes out on a paused lead at night")
            << SendPurpose::OnCallAlert << false << active << true << ny << night << send << "sent";
        QTest::newRow("23:00 in New York defers to 08:00 there")
            << SendPurpose::TextBack << false << active << false << ny << night << defer
            << "deferred to 2026-07-02T12:00:00Z: quiet hours";
        QTest::newRow("20:00 in Los Angeles sends")
            << SendPurpose::Intake << false << active << false << la << night << send << "sent";
        QTest::newRow("08:00 in Los Angeles sends")
            << SendPurpose::Reminder << false << active << false << la << day << send << "sent";
    }

    void judgeSend()
    {
        QFETCH(SendPurpose, purpose);
        QFETCH(bool, optedOut);
        QFETCH(BillingState, billing);
        QFETCH(bool, paused);
        QFETCH(QString, zone);
        QFETCH(QString, now);
        QFETCH(SendVerdictKind, kind);
        QFETCH(QString, explanation);

        SendCheck check;
        check.purpose = purpose;
        check.recipientOptOut.optedOut = optedOut;
        check.billing = billing;
        check.leadAutomationPaused = paused;
        check.recipientZone = zone.toStdString();
        check.now = utc(now.toUtf8().constData());
        const SendVerdict verdict = callsnare::domain::judgeSend(check, QtTimeZoneConverter());
        QCOMPARE(qs(wireName(verdict.kind)), qs(wireName(kind)));
        QCOMPARE(QString::fromStdString(verdict.explanation()), explanation);
        QCOMPARE(verdict.sends(), kind == SendVerdictKind::Send);
    }

    void quietHoursSkipPolicyRefuses()
    {
        SendCheck check;
        check.quietHours.policy = QuietHoursPolicy::Skip;
        check.recipientZone = "America/Chicago";
        check.now = utc("2026-07-02T03:00:00Z"); // 22:00 in Chicago
        const SendVerdict verdict = callsnare::domain::judgeSend(check, QtTimeZoneConverter());
        QCOMPARE(verdict.kind, SendVerdictKind::Refuse);
        QCOMPARE(QString::fromStdString(verdict.explanation()), QString("not sent: quiet hours"));
    }

    void purposesRoundTrip()
    {
        for (const auto purpose : {SendPurpose::TextBack, SendPurpose::Intake, SendPurpose::Reminder,
                                   SendPurpose::OptOutConfirmation, SendPurpose::OptInConfirmation,
                                   SendPurpose::Help, SendPurpose::OnCallAlert, SendPurpose::Dispatcher}) {
            QCOMPARE(parseSendPurpose(wireName(purpose)), std::optional(purpose));
        }
        QVERIFY(!parseSendPurpose("marketing"));
        QVERIFY(!isAutomated(SendPurpose::Dispatcher));
        QVERIFY(isAutomated(SendPurpose::Help));
    }

    void replyCues_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<bool>("softOptOut");
        QTest::addColumn<QStringList>("urgent");
        QTest::addColumn<bool>("asksForCall");

        QTest::newRow("plain answer") << "AC is blowing warm air" << false << QStringList() << false;
        QTest::newRow("soft opt-out") << "please stop texting me" << true << QStringList() << false;
        QTest::newRow("don't with apostrophe") << "Don't text this number" << true << QStringList() << false;
        QTest::newRow("curly apostrophe") << "Don\u2019t text me again" << true << QStringList() << false;
        QTest::newRow("wrong number") << "Wrong number." << true << QStringList() << false;
        QTest::newRow("no heat shouting")
            << "NO HEAT!!! baby at home" << false << QStringList{"no heat"} << false;
        QTest::newRow("nothing is not no") << "nothing heats up" << false << QStringList() << false;
        QTest::newRow("gas and CO") << "I smell gas and the CO alarm is going off" << false
                                    << QStringList{"gas smell", "CO alarm"} << false;
        QTest::newRow("water leak") << "water leak under the furnace" << false << QStringList{"water leak"}
                                    << false;
        QTest::newRow("call me") << "can you just call me?" << false << QStringList() << true;
        QTest::newRow("talk to someone") << "I'd rather talk to someone" << false << QStringList() << true;
        QTest::newRow("urgent and call")
            << "no heat, call me asap" << false << QStringList{"no heat"} << true;
        QTest::newRow("callback is not call back")
            << "callback tomorrow fine" << false << QStringList() << false;
    }

    void replyCues()
    {
        QFETCH(QString, body);
        QFETCH(bool, softOptOut);
        QFETCH(QStringList, urgent);
        QFETCH(bool, asksForCall);

        const ReplyCues cues = readReplyCues(body.toStdString());
        QCOMPARE(cues.softOptOut, softOptOut);
        QStringList terms;
        for (const auto& term : cues.urgentTerms) {
            terms << QString::fromStdString(term);
        }
        QCOMPARE(terms, urgent);
        QCOMPARE(cues.urgent(), !urgent.isEmpty());
        QCOMPARE(cues.asksForCall, asksForCall);
    }

    void planReplyWalksTheQuestions()
    {
        const auto asked = questions();
        const Lead lead = openLead(LeadState::Replied);
        const ReplyCues plain;

        ReplyPlan first = planReply(asked, 0, openLead(LeadState::Texted), plain);
        QVERIFY(!first.answerKey);
        QCOMPARE(first.askIndex, std::optional<std::size_t>(0));
        QVERIFY(!first.handOff);

        ReplyPlan second = planReply(asked, 1, lead, plain);
        QCOMPARE(second.answerKey, std::optional<std::string>("problem"));
        QCOMPARE(second.askIndex, std::optional<std::size_t>(1));

        ReplyPlan last = planReply(asked, 3, lead, plain);
        QCOMPARE(last.answerKey, std::optional<std::string>("best_time"));
        QVERIFY(!last.askIndex);
        QCOMPARE(last.handOff, std::optional(HandOffReason::IntakeComplete));

        ReplyPlan after = planReply(asked, 4, lead, plain);
        QVERIFY(!after.answerKey);
        QCOMPARE(after.handOff, std::optional(HandOffReason::IntakeComplete));
    }

    void planReplyHandsOffOrStaysQuiet()
    {
        const auto asked = questions();
        ReplyCues call;
        call.asksForCall = true;
        ReplyPlan wantsCall = planReply(asked, 2, openLead(LeadState::Replied), call);
        QCOMPARE(wantsCall.answerKey, std::optional<std::string>("address"));
        QCOMPARE(wantsCall.handOff, std::optional(HandOffReason::AskedForCall));
        QVERIFY(!wantsCall.askIndex);

        QCOMPARE(planReply({}, 0, openLead(), ReplyCues()).handOff, std::optional(HandOffReason::NoRule));

        Lead paused = openLead(LeadState::Replied);
        paused.automationPaused = true;
        QVERIFY(planReply(asked, 1, paused, call).doesNothing());
        QVERIFY(planReply(asked, 1, openLead(LeadState::Office), ReplyCues()).doesNothing());
        QVERIFY(planReply(asked, 1, openLead(LeadState::Booked), ReplyCues()).doesNothing());
        ReplyCues stop;
        stop.softOptOut = true;
        QVERIFY(planReply(asked, 1, openLead(LeadState::Replied), stop).doesNothing());
        QCOMPARE(parseHandOffReason(wireName(HandOffReason::AskedForCall)),
                 std::optional(HandOffReason::AskedForCall));
    }

    void defaultTemplatesParseAndNameTheCompany()
    {
        for (const std::string_view name :
             {TemplateName::TextBack, TemplateName::TextBackAfterHours, TemplateName::OptOutConfirmation,
              TemplateName::OptInConfirmation, TemplateName::Help, TemplateName::BookingConfirmation,
              TemplateName::BookingReminder}) {
            const std::string_view text = defaultTemplateText(name);
            QVERIFY2(!text.empty(), std::string(name).c_str());
            const auto parsed = MessageTemplate::parse(text);
            QVERIFY2(parsed.ok(), std::string(name).c_str());
            QVERIFY2(text.find("{{company}}") != std::string_view::npos, std::string(name).c_str());
        }
        // The first automated texts say how to opt out.
        QVERIFY(defaultTemplateText(TemplateName::TextBack).find("STOP") != std::string_view::npos);
        QVERIFY(defaultTemplateText(TemplateName::TextBackAfterHours).find("STOP") != std::string_view::npos);
        QVERIFY(defaultTemplateText("marketing_blast").empty());
        QCOMPARE(defaultIntakeQuestions().size(), std::size_t(3));
    }
};

QTEST_APPLESS_MAIN(TestAutomationRules)
#include "tst_automationrules.moc"
