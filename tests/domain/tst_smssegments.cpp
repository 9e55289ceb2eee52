#include "domain/SmsSegments.h"

#include <QTest>

using namespace callsnare::domain;

Q_DECLARE_METATYPE(callsnare::domain::SmsEncoding)

namespace {

SmsSegmentCount count(const QByteArray& utf8)
{
    return countSmsSegments(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
}

QByteArray times(const char* utf8, int n)
{
    return QByteArray(utf8).repeated(n);
}

QString describe(const SmsSegmentCount& c)
{
    return QString("%1, %2 segments, %3 units, %4 left")
        .arg(c.encoding == SmsEncoding::Gsm7 ? "gsm7" : "ucs2")
        .arg(c.segments)
        .arg(c.units)
        .arg(c.unitsLeftInSegment);
}

const char* const kZhe = "\xD0\xB6"; // ж, not in GSM-7
const char* const kGrin = "\xF0\x9F\x98\x80"; // 😀, a surrogate pair in UTF-16
const char* const kEuro = "\xE2\x82\xAC"; // €, GSM-7 extension table

} // namespace

class TestSmsSegments : public QObject {
    Q_OBJECT

private slots:
    void counts_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<SmsEncoding>("encoding");
        QTest::addColumn<int>("segments");
        QTest::addColumn<int>("units");
        QTest::addColumn<int>("left");

        using enum SmsEncoding;
        QTest::newRow("empty") << QByteArray() << Gsm7 << 0 << 0 << 160;
        QTest::newRow("one letter") << QByteArray("a") << Gsm7 << 1 << 1 << 159;

        // GSM-7 single/multi boundary.
        QTest::newRow("gsm 159") << times("a", 159) << Gsm7 << 1 << 159 << 1;
        QTest::newRow("gsm 160") << times("a", 160) << Gsm7 << 1 << 160 << 0;
        QTest::newRow("gsm 161") << times("a", 161) << Gsm7 << 2 << 161 << 145;
        QTest::newRow("gsm 306 (two full)") << times("a", 306) << Gsm7 << 2 << 306 << 0;
        QTest::newRow("gsm 307") << times("a", 307) << Gsm7 << 3 << 307 << 152;

        // Extension characters cost two septets.
        QTest::newRow("158 + euro = 160") << times("a", 158) + kEuro << Gsm7 << 1 << 160 << 0;
        QTest::newRow("159 + euro = 161") << times("a", 159) + kEuro << Gsm7 << 2 << 161 << 145;
        // 152 septets, then "{" would take septets 153-154: the pair moves whole
        // to segment two, leaving segment one a septet short.
        QTest::newRow("extension at septet 153")
            << times("a", 152) + "{" + times("a", 10) << Gsm7 << 2 << 164 << 141;
        QTest::newRow("extension ending at septet 153")
            << times("a", 151) + "{" + times("a", 10) << Gsm7 << 2 << 163 << 143;
        QTest::newRow("all extension, 80 (160 septets)") << times(kEuro, 80) << Gsm7 << 1 << 160 << 0;
        QTest::newRow("all extension, 81") << times("{", 81) << Gsm7 << 2 << 162 << 143;
        // 76 pairs fit a segment (152 septets); 153 pairs need three, not two.
        QTest::newRow("all extension, 153") << times("^", 153) << Gsm7 << 3 << 306 << 151;
        QTest::newRow("extension table") << QByteArray("\x0C^{}\\[~]|\xE2\x82\xAC") << Gsm7 << 1 << 20 << 140;
        QTest::newRow("basic table, every character") << QByteArray(
            "@\xC2\xA3$\xC2\xA5\xC3\xA8\xC3\xA9\xC3\xB9\xC3\xAC\xC3\xB2\xC3\x87\n\xC3\x98\xC3\xB8\r"
            "\xC3\x85\xC3\xA5\xCE\x94_\xCE\xA6\xCE\x93\xCE\x9B\xCE\xA9\xCE\xA0\xCE\xA8\xCE\xA3\xCE\x98"
            "\xCE\x9E\xC3\x86\xC3\xA6\xC3\x9F\xC3\x89 !\"#\xC2\xA4%&'()*+,-./0123456789:;<=>?"
            "\xC2\xA1"
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ\xC3\x84\xC3\x96\xC3\x91\xC3\x9C\xC2\xA7\xC2\xBF"
            "abcdefghijklmnopqrstuvwxyz\xC3\xA4\xC3\xB6\xC3\xB1\xC3\xBC\xC3\xA0")
                                                      << Gsm7 << 1 << 127 << 33;

        // One character outside GSM-7 turns the whole text into UCS-2.
        QTest::newRow("backtick") << QByteArray("a`b") << Ucs2 << 1 << 3 << 67;
        QTest::newRow("tab") << QByteArray("a\tb") << Ucs2 << 1 << 3 << 67;
        QTest::newRow("curly apostrophe") << QByteArray("we\xE2\x80\x99ll") << Ucs2 << 1 << 5 << 65;
        QTest::newRow("lower c cedilla (only the capital is GSM)")
            << QByteArray("\xC3\xA7") << Ucs2 << 1 << 1 << 69;
        QTest::newRow("e circumflex") << QByteArray("\xC3\xAA") << Ucs2 << 1 << 1 << 69;
        QTest::newRow("greek small alpha") << QByteArray("\xCE\xB1") << Ucs2 << 1 << 1 << 69;
        QTest::newRow("nul byte") << QByteArray("a\0b", 3) << Ucs2 << 1 << 3 << 67;
        QTest::newRow("100 gsm + one zhe") << times("a", 100) + kZhe << Ucs2 << 2 << 101 << 33;

        // UCS-2 single/multi boundary.
        QTest::newRow("ucs2 70") << times(kZhe, 70) << Ucs2 << 1 << 70 << 0;
        QTest::newRow("ucs2 71") << times(kZhe, 71) << Ucs2 << 2 << 71 << 63;
        QTest::newRow("ucs2 134 (two full)") << times(kZhe, 134) << Ucs2 << 2 << 134 << 0;
        QTest::newRow("ucs2 135") << times(kZhe, 135) << Ucs2 << 3 << 135 << 66;
        QTest::newRow("one emoji") << QByteArray(kGrin) << Ucs2 << 1 << 2 << 68;
        QTest::newRow("35 emoji (70 units)") << times(kGrin, 35) << Ucs2 << 1 << 70 << 0;
        // 33 emoji (66 units) fill a segment; the 34th cannot be split over 67.
        QTest::newRow("36 emoji") << times(kGrin, 36) << Ucs2 << 2 << 72 << 61;
        QTest::newRow("emoji straddling unit 67")
            << times(kZhe, 66) + kGrin + times(kZhe, 10) << Ucs2 << 2 << 78 << 55;
        QTest::newRow("emoji ending at unit 67")
            << times(kZhe, 65) + kGrin + times(kZhe, 10) << Ucs2 << 2 << 77 << 57;
        QTest::newRow("zwj family (3 emoji, 2 joiners)")
            << QByteArray("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7") << Ucs2
            << 1 << 8 << 62;

        // Invalid UTF-8 counts as U+FFFD, one per maximal bad sequence.
        QTest::newRow("stray 0xFF") << QByteArray("abc\xFF") << Ucs2 << 1 << 4 << 66;
        QTest::newRow("lone continuation") << QByteArray("\x80") << Ucs2 << 1 << 1 << 69;
        QTest::newRow("truncated euro") << QByteArray("\xE2\x82") << Ucs2 << 1 << 1 << 69;
        QTest::newRow("truncated euro then letter") << QByteArray("\xE2\x82"
                                                                  "a")
                                                    << Ucs2 << 1 << 2 << 68;
        QTest::newRow("truncated emoji at the end") << QByteArray("hi \xF0\x9F\x98") << Ucs2 << 1 << 4 << 66;
        QTest::newRow("overlong slash") << QByteArray("\xC0\xAF") << Ucs2 << 1 << 2 << 68;
        QTest::newRow("encoded surrogate") << QByteArray("\xED\xA0\x80") << Ucs2 << 1 << 3 << 67;
        QTest::newRow("beyond U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << Ucs2 << 1 << 4 << 66;

        // The text-back an HVAC office actually sends: 152 septets, one segment.
        const QByteArray textBack
            = "Hi Maria, this is Lone Star Heating & Air. Sorry we missed your call! Reply here "
              "with a good time and we'll get a tech out today. Reply STOP to opt out.";
        QTest::newRow("hvac text-back") << textBack << Gsm7 << 1 << 152 << 8;
        // The same with a wrench emoji: UCS-2, 154 units, three segments.
        QByteArray withEmoji = textBack;
        withEmoji.replace("Air.", "Air \xF0\x9F\x94\xA7");
        QTest::newRow("hvac text-back with emoji") << withEmoji << Ucs2 << 3 << 154 << 47;
        // A phone's curly apostrophe alone triples the cost.
        QByteArray curly = textBack;
        curly.replace("we'll", "we\xE2\x80\x99ll");
        QTest::newRow("hvac text-back with curly apostrophe") << curly << Ucs2 << 3 << 152 << 49;
    }

    void counts()
    {
        QFETCH(QByteArray, text);
        QFETCH(SmsEncoding, encoding);
        QFETCH(int, segments);
        QFETCH(int, units);
        QFETCH(int, left);

        const SmsSegmentCount actual = count(text);
        const SmsSegmentCount expected{encoding, segments, units, left};
        QVERIFY2(actual == expected,
                 qPrintable("got " + describe(actual) + ", expected " + describe(expected)));
    }

    void plainTextFollowsTheFormula()
    {
        // Without pairs to keep whole, segments are ceil(units / per-segment).
        for (int n = 1; n <= 500; ++n) {
            const SmsSegmentCount gsm = count(times("a", n));
            const int gsmSegments = n <= 160 ? 1 : (n + 152) / 153;
            QVERIFY2(gsm.segments == gsmSegments && gsm.units == n, qPrintable(describe(gsm)));

            const SmsSegmentCount ucs = count(times(kZhe, n));
            const int ucsSegments = n <= 70 ? 1 : (n + 66) / 67;
            QVERIFY2(ucs.segments == ucsSegments && ucs.units == n, qPrintable(describe(ucs)));
        }
    }
};

QTEST_GUILESS_MAIN(TestSmsSegments)
#include "tst_smssegments.moc"
