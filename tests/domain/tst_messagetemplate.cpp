#include "domain/MessageTemplate.h"

#include <QTest>

using namespace callsnare::domain;

namespace {

QString q(std::string_view text)
{
    return QString::fromStdString(std::string(text));
}

QStringList qList(const std::vector<std::string>& names)
{
    QStringList list;
    for (const std::string& name : names) {
        list << q(name);
    }
    return list;
}

const TemplateValues kValues = {
    {"company", "Lone Star Heating & Air"}, {"first_name", "Maria"}, {"booking_time", "2:30 PM"},
    {"booking_date", "Tue Jul 7"},          {"technician", "Dave"},  {"office_phone", "(512) 555-0100"},
    {"address", "1200 Barton Springs Rd"},
};

} // namespace

class TestMessageTemplate : public QObject {
    Q_OBJECT

private slots:
    void knownPlaceholdersAreTheSeven()
    {
        QStringList names;
        for (const std::string_view name : knownPlaceholders()) {
            names << q(name);
        }
        QCOMPARE(names,
                 QStringList({"company", "first_name", "booking_time", "booking_date", "technician",
                              "office_phone", "address"}));
    }

    void renders_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("placeholders");
        QTest::addColumn<QString>("rendered");

        QTest::newRow("text back") << "Hi {{first_name}}, this is {{company}}. Sorry we missed your call!"
                                   << QStringList{"first_name", "company"}
                                   << "Hi Maria, this is Lone Star Heating & Air. Sorry we missed your call!";
        QTest::newRow("no placeholders")
            << "We'll call you back shortly." << QStringList{} << "We'll call you back shortly.";
        QTest::newRow("empty template") << "" << QStringList{} << "";
        QTest::newRow("whitespace inside braces")
            << "{{ company }} / {{\tfirst_name\n}}" << QStringList{"company", "first_name"}
            << "Lone Star Heating & Air / Maria";
        QTest::newRow("repeats listed once, in first-use order")
            << "{{technician}} on {{booking_date}}; {{technician}} at {{booking_time}} ({{booking_date}})"
            << QStringList{"technician", "booking_date", "booking_time"}
            << "Dave on Tue Jul 7; Dave at 2:30 PM (Tue Jul 7)";
        QTest::newRow("placeholder only")
            << "{{address}}" << QStringList{"address"} << "1200 Barton Springs Rd";
        QTest::newRow("adjacent placeholders")
            << "{{first_name}}{{company}}" << QStringList{"first_name", "company"}
            << "MariaLone Star Heating & Air";
        QTest::newRow("all seven")
            << "{{company}}|{{first_name}}|{{booking_time}}|{{booking_date}}|{{technician}}|{{office_phone}}|"
               "{{address}}"
            << QStringList{"company",    "first_name",   "booking_time", "booking_date",
                           "technician", "office_phone", "address"}
            << "Lone Star Heating & Air|Maria|2:30 PM|Tue Jul 7|Dave|(512) 555-0100|1200 Barton Springs Rd";
        QTest::newRow("single braces are text")
            << "{company} {first_name}}" << QStringList{} << "{company} {first_name}}";
        QTest::newRow("stray closing braces are text")
            << "}} done }} {{company}} }}" << QStringList{"company"}
            << "}} done }} Lone Star Heating & Air }}";
        QTest::newRow("emoji and accents pass through")
            << QString::fromUtf8("\xF0\x9F\x94\xA5 Hola {{first_name}}, café \xE2\x9D\x84\xEF\xB8\x8F")
            << QStringList{"first_name"}
            << QString::fromUtf8("\xF0\x9F\x94\xA5 Hola Maria, café \xE2\x9D\x84\xEF\xB8\x8F");
    }

    void renders()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, placeholders);
        QFETCH(QString, rendered);

        const auto parsed = MessageTemplate::parse(text.toStdString());
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());
        QCOMPARE(q(parsed->text()), text);
        QCOMPARE(qList(parsed->placeholders()), placeholders);
        const auto out = parsed->render(kValues);
        QVERIFY2(out.ok(), out.ok() ? "" : out.error().message.c_str());
        QCOMPARE(q(out.value()), rendered);
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("mentions");

        QTest::newRow("unterminated at 0") << "{{company"
                                           << "template_syntax"
                                           << "offset 0";
        QTest::newRow("unterminated later") << "Hi {{first_name}}, from {{company"
                                            << "template_syntax"
                                            << "offset 24";
        QTest::newRow("unterminated with single closing brace") << "Hi {{company}"
                                                                << "template_syntax"
                                                                << "offset 3";
        // Offsets count characters: the emoji (4 UTF-8 bytes) and é (2) are one each.
        QTest::newRow("unterminated after emoji")
            << QString::fromUtf8("\xF0\x9F\x94\xA5 café {{company") << "template_syntax"
            << "offset 7";
        QTest::newRow("empty name") << "Hi {{}}"
                                    << "template_syntax"
                                    << "offset 3";
        QTest::newRow("blank name") << "{{ \t }} there"
                                    << "template_syntax"
                                    << "no placeholder name";
        QTest::newRow("unknown name") << "Hi {{first}}"
                                      << "unknown_placeholder"
                                      << "\"{{first}}\"";
        QTest::newRow("unknown lists the known")
            << "{{name}}"
            << "unknown_placeholder"
            << "company, first_name, booking_time, booking_date, technician, "
               "office_phone, address";
        QTest::newRow("names are case sensitive") << "{{Company}}"
                                                  << "unknown_placeholder"
                                                  << "Company";
        QTest::newRow("triple braces") << "{{{company}}}"
                                       << "unknown_placeholder"
                                       << "{company";
        QTest::newRow("space inside a name") << "{{first name}}"
                                             << "unknown_placeholder"
                                             << "first name";
        QTest::newRow("emoji name") << QString::fromUtf8("{{\xF0\x9F\x94\xA5}}") << "unknown_placeholder"
                                    << QString::fromUtf8("\xF0\x9F\x94\xA5");
        QTest::newRow("nested opening") << "{{ {{company}}"
                                        << "unknown_placeholder"
                                        << "{{company";
        QTest::newRow("first error wins") << "{{nope}} {{company"
                                          << "unknown_placeholder"
                                          << "nope";
    }

    void refuses()
    {
        QFETCH(QString, text);
        QFETCH(QString, code);
        QFETCH(QString, mentions);

        const auto parsed = MessageTemplate::parse(text.toStdString());
        QVERIFY2(!parsed.ok(), "parsed a broken template");
        const QString message = q(parsed.error().message);
        QCOMPARE(q(parsed.error().code), code);
        QVERIFY2(message.contains(mentions), qPrintable(message));
        QVERIFY2(message.endsWith('.'), qPrintable("not a sentence: " + message));
    }

    void missingValueIsNamed()
    {
        const auto parsed = MessageTemplate::parse("Hi {{first_name}}, {{technician}} is on the way.");
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().message.c_str());

        const auto out = parsed->render({{"first_name", "Maria"}});
        QVERIFY(!out.ok());
        QCOMPARE(q(out.error().code), QString("missing_value"));
        QVERIFY2(q(out.error().message).contains("technician"), out.error().message.c_str());

        const auto none = parsed->render({});
        QVERIFY(!none.ok());
        QCOMPARE(q(none.error().code), QString("missing_value"));
        QVERIFY2(q(none.error().message).contains("first_name"), none.error().message.c_str());
    }

    void emptyValuesAndExtraValuesAreFine()
    {
        const auto parsed = MessageTemplate::parse("Hi {{first_name}}! -{{company}}");
        QVERIFY(parsed.ok());
        const auto out = parsed->render({{"first_name", ""}, {"company", "Acme"}, {"technician", "unused"}});
        QVERIFY2(out.ok(), out.ok() ? "" : out.error().message.c_str());
        QCOMPARE(q(out.value()), QString("Hi ! -Acme"));
    }

    void valuesAreInsertedVerbatim()
    {
        // A value that looks like a placeholder must not be expanded again,
        // and emoji or odd bytes in a value pass through untouched.
        const auto parsed = MessageTemplate::parse("{{first_name}} / {{company}}");
        QVERIFY(parsed.ok());
        const std::string company = "\xF0\x9F\x94\xA7 Fix-It {{address}} \xE2\x9D\x84";
        const auto out = parsed->render({{"first_name", "{{company}}"}, {"company", company}});
        QVERIFY2(out.ok(), out.ok() ? "" : out.error().message.c_str());
        QVERIFY2(out.value() == "{{company}} / " + company, out.value().c_str());
    }
};

QTEST_GUILESS_MAIN(TestMessageTemplate)
#include "tst_messagetemplate.moc"
