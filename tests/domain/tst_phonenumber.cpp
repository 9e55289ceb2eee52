#include "domain/PhoneNumber.h"

#include <QTest>

using namespace callsnare::domain;

namespace {

QString q(std::string_view text)
{
    return QString::fromStdString(std::string(text));
}

} // namespace

class TestPhoneNumber : public QObject {
    Q_OBJECT

private slots:
    void acceptsWhatPeopleWrite_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("e164");
        QTest::addColumn<bool>("nanp");
        QTest::addColumn<QString>("areaCode");
        QTest::addColumn<QString>("display");

        const QString austin = "+15125550142";
        const QString austinDisplay = "(512) 555-0142";
        QTest::newRow("plus one, parens") << "+1 (512) 555-0142" << austin << true << "512" << austinDisplay;
        QTest::newRow("dots") << "512.555.0142" << austin << true << "512" << austinDisplay;
        QTest::newRow("leading 1, dashes") << "1-512-555-0142" << austin << true << "512" << austinDisplay;
        QTest::newRow("bare ten") << "5125550142" << austin << true << "512" << austinDisplay;
        QTest::newRow("bare eleven") << "15125550142" << austin << true << "512" << austinDisplay;
        QTest::newRow("e164 already") << "+15125550142" << austin << true << "512" << austinDisplay;
        QTest::newRow("parens, space") << "(512) 555-0142" << austin << true << "512" << austinDisplay;
        QTest::newRow("slash") << "512/555-0142" << austin << true << "512" << austinDisplay;
        QTest::newRow("tel uri") << "tel:+1-512-555-0142" << austin << true << "512" << austinDisplay;
        QTest::newRow("TEL uri upper case") << "TEL:5125550142" << austin << true << "512" << austinDisplay;
        QTest::newRow("surrounding whitespace") << " \t512 555 0142\n"
                                                << austin << true << "512" << austinDisplay;
        QTest::newRow("plus then space") << "+ 1 512 555 0142" << austin << true << "512" << austinDisplay;
        QTest::newRow("canada") << "+1 604 555 0199"
                                << "+16045550199" << true << "604"
                                << "(604) 555-0199";
        QTest::newRow("lowest area code and exchange") << "200-200-0000"
                                                       << "+12002000000" << true << "200"
                                                       << "(200) 200-0000";
        QTest::newRow("highest digits") << "999-999-9999"
                                        << "+19999999999" << true << "999"
                                        << "(999) 999-9999";
        QTest::newRow("area code 210 is not N11") << "210-555-0100"
                                                  << "+12105550100" << true << "210"
                                                  << "(210) 555-0100";
        QTest::newRow("exchange 511 would be N11, 512 is not") << "512-512-0100"
                                                               << "+15125120100" << true << "512"
                                                               << "(512) 512-0100";
        QTest::newRow("uk") << "+44 20 7946 0958"
                            << "+442079460958" << false << ""
                            << "+442079460958";
        QTest::newRow("france dots") << "+33.1.23.45.67.89"
                                     << "+33123456789" << false << ""
                                     << "+33123456789";
        QTest::newRow("shortest international (8 digits)") << "+49 123 4567"
                                                           << "+491234567" << false << ""
                                                           << "+491234567";
        QTest::newRow("longest international (15 digits)") << "+234 567 890 123 456"
                                                           << "+234567890123456" << false << ""
                                                           << "+234567890123456";
    }

    void acceptsWhatPeopleWrite()
    {
        QFETCH(QString, input);
        QFETCH(QString, e164);
        QFETCH(bool, nanp);
        QFETCH(QString, areaCode);
        QFETCH(QString, display);

        const auto parsed = PhoneNumber::parse(input.toStdString());
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
        QCOMPARE(q(parsed->e164()), e164);
        QCOMPARE(parsed->isNanp(), nanp);
        QCOMPARE(q(parsed->areaCode()), areaCode);
        QCOMPARE(q(parsed->display()), display);
    }

    void refusesWithAReason_data()
    {
        QTest::addColumn<QString>("input");
        // A fragment the message must contain, so each problem gets its own sentence.
        QTest::addColumn<QString>("reason");

        QTest::newRow("empty") << ""
                               << "empty";
        QTest::newRow("blank") << "   \t "
                               << "empty";
        QTest::newRow("tel prefix only") << "tel:"
                                         << "no digits";
        QTest::newRow("only punctuation") << "(-)"
                                          << "no digits";
        QTest::newRow("only plus") << "+"
                                   << "no digits";
        QTest::newRow("vanity number") << "1-800-FLOWERS"
                                       << "letters";
        QTest::newRow("word") << "call me"
                              << "letters";
        QTest::newRow("extension x") << "512-555-0142 x123"
                                     << "extension";
        QTest::newRow("extension ext.") << "512-555-0142 ext. 99"
                                        << "extension";
        QTest::newRow("extension Ext no space") << "(512) 555-0142 Ext42"
                                                << "extension";
        QTest::newRow("x without digits is just a letter") << "512-555-0142 x"
                                                           << "letters";
        QTest::newRow("nine digits") << "512-555-014"
                                     << "too few";
        QTest::newRow("three digits") << "911"
                                      << "too few";
        QTest::newRow("eleven digits not starting with 1") << "25125550142"
                                                           << "too many";
        QTest::newRow("twelve digits") << "1-512-555-01420"
                                       << "too many";
        QTest::newRow("area code starts with 0") << "012-555-0142"
                                                 << "area code 012";
        QTest::newRow("area code starts with 1") << "151-255-5014"
                                                 << "area code 151";
        QTest::newRow("area code 911") << "911-555-0142"
                                       << "service code";
        QTest::newRow("area code 411 after +1") << "+1 411 555 0142"
                                                << "service code";
        QTest::newRow("area code 211") << "1 211 555 0142"
                                       << "area code 211";
        QTest::newRow("exchange starts with 0") << "512-055-0142"
                                                << "exchange 055";
        QTest::newRow("exchange starts with 1") << "512-155-0142"
                                                << "exchange 155";
        QTest::newRow("exchange 911") << "512-911-0142"
                                      << "exchange 911";
        QTest::newRow("exchange 611") << "+15126110142"
                                      << "service code";
        QTest::newRow("00 prefix") << "0044 20 7946 0958"
                                   << "write the number with \"+\"";
        QTest::newRow("00 prefix, ten digits") << "00 44 2079 46"
                                               << "write the number with \"+\"";
        QTest::newRow("011 prefix") << "011 44 20 7946 0958"
                                    << "international dialling prefix";
        QTest::newRow("plus in the middle") << "512+5550142"
                                            << "not at the start";
        QTest::newRow("two pluses") << "++15125550142"
                                    << "not at the start";
        QTest::newRow("plus after a digit group") << "1 +512 555 0142"
                                                  << "not at the start";
        QTest::newRow("country code 0") << "+0 123 456 789"
                                        << "starting with 0";
        QTest::newRow("+1 with nine digits") << "+1 512 555 014"
                                             << "exactly 10";
        QTest::newRow("+1 with eleven digits") << "+1 512 555 01422"
                                               << "exactly 10";
        QTest::newRow("international too short (7)") << "+44 123 45"
                                                     << "too few";
        QTest::newRow("international too long (16)") << "+44 1234 5678 9012 34"
                                                     << "too many";
        QTest::newRow("emoji") << "\xF0\x9F\x93\x9E 512-555-0142"
                               << "not digits";
        QTest::newRow("fullwidth digits") << "\xEF\xBC\x95\xEF\xBC\x91\xEF\xBC\x92"
                                          << "not digits";
        QTest::newRow("hash") << "512#555#0142"
                              << "not digits";
        QTest::newRow("comma") << "512,555,0142"
                               << "not digits";
        QTest::newRow("nul byte") << QString::fromLatin1("512\0"
                                                         "5550142",
                                                         11)
                                  << "not digits";
    }

    void refusesWithAReason()
    {
        QFETCH(QString, input);
        QFETCH(QString, reason);

        const auto parsed = PhoneNumber::parse(input.toStdString());
        QVERIFY2(!parsed.ok(), qPrintable("accepted as " + (parsed.ok() ? q(parsed->e164()) : QString())));
        QCOMPARE(q(parsed.error().code), QString("invalid_phone_number"));
        const QString message = q(parsed.error().message);
        QVERIFY2(message.contains(reason), qPrintable(message));
        QVERIFY2(message.endsWith('.'), qPrintable("not a sentence: " + message));
    }

    void theSameNumberWrittenDifferentlyIsEqual()
    {
        const auto a = PhoneNumber::parse("(512) 555-0142");
        const auto b = PhoneNumber::parse("+1.512.555.0142");
        const auto c = PhoneNumber::parse("512-555-0143");
        QVERIFY(a.ok() && b.ok() && c.ok());
        QVERIFY(a.value() == b.value());
        QVERIFY(a.value() != c.value());
        QVERIFY(a.value() < c.value());
    }

    void withheldCallerId_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<bool>("withheld");

        QTest::newRow("empty") << "" << true;
        QTest::newRow("blank") << " \t\n" << true;
        QTest::newRow("anonymous") << "anonymous" << true;
        QTest::newRow("Anonymous") << "Anonymous" << true;
        QTest::newRow("ANONYMOUS padded") << "  ANONYMOUS \r\n" << true;
        QTest::newRow("restricted") << "restricted" << true;
        QTest::newRow("Unknown") << "Unknown" << true;
        QTest::newRow("private") << "PRIVATE" << true;
        QTest::newRow("unavailable") << "unavailable" << true;
        QTest::newRow("withheld") << "Withheld" << true;
        QTest::newRow("blocked") << "blocked" << true;
        QTest::newRow("twilio ANONYMOUS") << "+266696687" << true;
        QTest::newRow("twilio RESTRICTED") << "+7378742833" << true;
        QTest::newRow("twilio UNAVAILABLE") << "+86282452253" << true;
        QTest::newRow("twilio BLOCKED") << "+2562533" << true;
        QTest::newRow("twilio UNKNOWN") << "+8656696" << true;
        QTest::newRow("twilio ANONYMOUS padded") << " +266696687 " << true;

        QTest::newRow("a real number") << "+15125550142" << false;
        QTest::newRow("RESTRICTED digits without + are an Austin number") << "7378742833" << false;
        QTest::newRow("pseudo number with an extra digit") << "+2666966870" << false;
        QTest::newRow("pseudo number missing a digit") << "+26669668" << false;
        QTest::newRow("anonymous with more words") << "anonymous caller" << false;
        QTest::newRow("abbreviation") << "anon" << false;
        QTest::newRow("name") << "Bob" << false;
        QTest::newRow("emoji") << "\xF0\x9F\x99\x88" << false;
    }

    void withheldCallerId()
    {
        QFETCH(QString, from);
        QFETCH(bool, withheld);
        QCOMPARE(isWithheldCallerId(from.toStdString()), withheld);
    }

    void keypadSpellingsMatchTheWords()
    {
        // Guards the table against a typo: each pseudo number must be its word on a keypad.
        const auto keypad = [](QString word) {
            const QString keys[] = {"ABC", "DEF", "GHI", "JKL", "MNO", "PQRS", "TUV", "WXYZ"};
            QString digits = "+";
            for (const QChar letter : word) {
                for (int k = 0; k < 8; ++k) {
                    if (keys[k].contains(letter)) {
                        digits += QString::number(k + 2);
                    }
                }
            }
            return digits;
        };
        for (const char* word : {"ANONYMOUS", "RESTRICTED", "UNAVAILABLE", "BLOCKED", "UNKNOWN"}) {
            const QString digits = keypad(QString::fromLatin1(word));
            QVERIFY2(isWithheldCallerId(digits.toStdString()), qPrintable(digits));
        }
    }
};

QTEST_GUILESS_MAIN(TestPhoneNumber)
#include "tst_phonenumber.moc"
