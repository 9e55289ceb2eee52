#include "domain/InboundKeyword.h"

#include <QTest>

using namespace callsnare::domain;

Q_DECLARE_METATYPE(callsnare::domain::InboundKeyword)

class TestInboundKeyword : public QObject {
    Q_OBJECT

private slots:
    void classify_data()
    {
        QTest::addColumn<QByteArray>("body"); // raw UTF-8, so odd bytes survive
        QTest::addColumn<InboundKeyword>("expected");

        using enum InboundKeyword;
        const struct {
            const char* word;
            InboundKeyword keyword;
        } words[] = {
            {"STOP", OptOut}, {"STOPALL", OptOut}, {"UNSUBSCRIBE", OptOut}, {"CANCEL", OptOut},
            {"END", OptOut},  {"QUIT", OptOut},    {"OPTOUT", OptOut},      {"REVOKE", OptOut},
            {"START", OptIn}, {"YES", OptIn},      {"UNSTOP", OptIn},       {"HELP", Help},
            {"INFO", Help},
        };
        // Every keyword in upper, lower and mixed case, bare and padded.
        for (const auto& entry : words) {
            const QByteArray upper(entry.word);
            const QByteArray lower = upper.toLower();
            QByteArray mixed = lower;
            mixed[0] = upper[0];
            QTest::newRow(upper.constData()) << upper << entry.keyword;
            QTest::newRow(("lower " + lower).constData()) << lower << entry.keyword;
            QTest::newRow(("mixed " + mixed).constData()) << mixed << entry.keyword;
            QTest::newRow(("padded " + lower).constData()) << " \t" + lower + ".\n" << entry.keyword;
            // The keyword as the start of a longer word is not the keyword.
            QTest::newRow(("suffixed " + lower).constData()) << lower + "s" << None;
        }

        // Padding that phones and people add around a lone keyword.
        QTest::newRow("Stop!") << QByteArray("Stop!") << OptOut;
        QTest::newRow("spaces and period") << QByteArray("  stop. ") << OptOut;
        QTest::newRow("double quotes") << QByteArray("\"STOP\"") << OptOut;
        QTest::newRow("single quotes") << QByteArray("'stop'") << OptOut;
        QTest::newRow("curly double quotes") << QByteArray("\xE2\x80\x9CStop\xE2\x80\x9D") << OptOut;
        QTest::newRow("curly single quotes") << QByteArray("\xE2\x80\x98stop\xE2\x80\x99") << OptOut;
        QTest::newRow("many marks") << QByteArray("!!!STOP!!!") << OptOut;
        QTest::newRow("parens") << QByteArray("(stop)") << OptOut;
        QTest::newRow("newlines") << QByteArray("\n\nSTOP\n") << OptOut;
        QTest::newRow("crlf") << QByteArray("STOP\r\n") << OptOut;
        QTest::newRow("tabs") << QByteArray("\tSTOP\t") << OptOut;
        QTest::newRow("no-break spaces") << QByteArray("\xC2\xA0STOP\xC2\xA0") << OptOut;
        QTest::newRow("no-break space and punctuation mixed")
            << QByteArray(" \xC2\xA0\"stop!\"\xC2\xA0 ") << OptOut;
        QTest::newRow("Yes.") << QByteArray("Yes.") << OptIn;
        QTest::newRow("help?") << QByteArray("help?") << Help;
        QTest::newRow("info...") << QByteArray("info...") << Help;
        QTest::newRow("start!") << QByteArray("start!") << OptIn;

        // Conversation, not commands.
        QTest::newRow("stop please") << QByteArray("stop please") << None;
        QTest::newRow("please stop") << QByteArray("please stop") << None;
        QTest::newRow("STOPPED") << QByteArray("STOPPED") << None;
        QTest::newRow("don't stop") << QByteArray("don't stop") << None;
        QTest::newRow("ST OP") << QByteArray("ST OP") << None;
        QTest::newRow("stop stop") << QByteArray("stop stop") << None;
        QTest::newRow("stop, thanks") << QByteArray("stop, thanks") << None;
        QTest::newRow("yes please") << QByteArray("yes please") << None;
        QTest::newRow("yes at 3pm") << QByteArray("Yes at 3pm") << None;
        QTest::newRow("help me my AC died") << QByteArray("help me my AC died") << None;
        QTest::newRow("opt out with a space") << QByteArray("OPT OUT") << None;
        QTest::newRow("opt-out with a dash") << QByteArray("opt-out") << None;
        QTest::newRow("keyword inside punctuation") << QByteArray("s.t.o.p") << None;
        QTest::newRow("weekend") << QByteArray("weekend") << None;
        QTest::newRow("ye") << QByteArray("ye") << None;
        QTest::newRow("y") << QByteArray("Y") << None;

        // Nothing to classify.
        QTest::newRow("empty") << QByteArray("") << None;
        QTest::newRow("whitespace only") << QByteArray(" \n\t\xC2\xA0") << None;
        QTest::newRow("punctuation only") << QByteArray("!!!") << None;

        // Emoji are content, not padding: a lone emoji after STOP leaves the
        // decision to a person rather than us guessing what it means.
        QTest::newRow("STOP stop-sign emoji") << QByteArray("STOP \xF0\x9F\x9B\x91") << None;
        QTest::newRow("emoji before STOP") << QByteArray("\xF0\x9F\x9B\x91STOP") << None;
        QTest::newRow("thumbs up") << QByteArray("\xF0\x9F\x91\x8D") << None;
        // Look-alikes are not the keyword: fullwidth letters, Cyrillic O.
        QTest::newRow("fullwidth STOP")
            << QByteArray("\xEF\xBC\xB3\xEF\xBC\xB4\xEF\xBC\xAF\xEF\xBC\xB0") << None;
        QTest::newRow("cyrillic O") << QByteArray("ST\xD0\x9EP") << None;
        // A zero-width space is not whitespace we trim.
        QTest::newRow("zero-width space") << QByteArray("STOP\xE2\x80\x8B") << None;
        // Broken UTF-8 around the word.
        QTest::newRow("lone continuation byte") << QByteArray("\x80STOP") << None;
        QTest::newRow("truncated no-break space") << QByteArray("STOP\xC2") << None;
        QTest::newRow("nul byte") << QByteArray("STOP\0", 5) << None;
    }

    void classify()
    {
        QFETCH(QByteArray, body);
        QFETCH(InboundKeyword, expected);

        const InboundKeyword actual
            = classifyInboundText(std::string_view(body.constData(), static_cast<std::size_t>(body.size())));
        QVERIFY2(actual == expected,
                 qPrintable(QString("got %1, expected %2")
                                .arg(QString::fromStdString(std::string(wireName(actual))),
                                     QString::fromStdString(std::string(wireName(expected))))));
    }

    void namesRoundTrip()
    {
        using enum InboundKeyword;
        for (const InboundKeyword keyword : {OptOut, OptIn, Help, None}) {
            QCOMPARE(parseInboundKeyword(wireName(keyword)), std::optional{keyword});
        }
        QCOMPARE(QString::fromStdString(std::string(wireName(OptOut))), QString("opt_out"));
        QCOMPARE(parseInboundKeyword("STOP"), std::optional<InboundKeyword>{});
        QCOMPARE(parseInboundKeyword("Opt_Out"), std::optional<InboundKeyword>{});
        QCOMPARE(parseInboundKeyword(""), std::optional<InboundKeyword>{});
    }
};

QTEST_GUILESS_MAIN(TestInboundKeyword)
#include "tst_inboundkeyword.moc"
