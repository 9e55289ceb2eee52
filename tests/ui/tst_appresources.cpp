// What the app carries besides code (issue 7): the translations embedded
// under :/i18n and loaded for the system's language, the icon at the sizes
// desktops ask for, and an accessible name on every control of the main views.

#include "UiFixture.h"

#include "ui/AppIcon.h"
#include "ui/AppTranslations.h"
#include "ui/InboxModel.h"
#include "ui/InboxView.h"
#include "ui/LeadThreadView.h"
#include "ui/MainWindow.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTest>
#include <QTextEdit>
#include <QTranslator>

using namespace callsnare;

class TestAppResources : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void embeddedTranslationTranslates_data();
    void embeddedTranslationTranslates();
    void englishNeedsNoTranslation();
    void iconAtEverySize();
    void controlsHaveAccessibleNames();
    // Last: it installs the Spanish translation for the rest of the process.
    void systemLanguageLoadsItsTranslation();

private:
    ui_fixture::DemoProfile m_demo;
};

void TestAppResources::initTestCase()
{
    QString error;
    QVERIFY2(m_demo.create(QStringLiteral("resources"), 50, &error), qPrintable(error));
}

void TestAppResources::cleanupTestCase()
{
    m_demo.close();
}

void TestAppResources::embeddedTranslationTranslates_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("spanish");
    QTest::newRow("menu") << "callsnare::ui::MainWindow"
                          << "&Quit"
                          << "&Salir";
    QTest::newRow("inbox") << "callsnare::ui::InboxView"
                           << "Search leads"
                           << "Buscar clientes potenciales";
    QTest::newRow("overdue mark") << "callsnare::ui::InboxItemDelegate"
                                  << "Overdue"
                                  << "Atrasado";
}

void TestAppResources::embeddedTranslationTranslates()
{
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(QString, spanish);
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/callsnare_es.qm")));
    QCOMPARE(translator.translate(context.toLatin1().constData(), source.toUtf8().constData()), spanish);
}

void TestAppResources::englishNeedsNoTranslation()
{
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/callsnare_en.qm")));
    QVERIFY(!ui::AppTranslations::install(QLocale(QLocale::Zulu)));
    QCOMPARE(QCoreApplication::translate("callsnare::ui::MainWindow", "&Quit"), QStringLiteral("&Quit"));
}

void TestAppResources::iconAtEverySize()
{
    const QIcon icon = ui::AppIcon::icon();
    QVERIFY(!icon.isNull());
    for (const int size : {16, 32, 48, 256}) {
        QVERIFY2(icon.availableSizes().contains(QSize(size, size)), qPrintable(QString::number(size)));
        QCOMPARE(icon.pixmap(size, size).size(), QSize(size, size));
    }
    QVERIFY(QFile::exists(QStringLiteral(":/icons/callsnare.svg")));
    ui::MainWindow window(m_demo.db(), m_demo.orgId(), QStringLiteral("Dana"));
    QVERIFY(window.windowIcon().availableSizes().contains(QSize(32, 32)));
}

void TestAppResources::controlsHaveAccessibleNames()
{
    ui::MainWindow window(m_demo.db(), m_demo.orgId(), QStringLiteral("Dana"));
    window.show();
    const QString lead = window.inbox()->model()->leadIdAt(0);
    window.inbox()->selectLead(lead);
    QStringList missing;
    for (QWidget* widget : window.findChildren<QWidget*>()) {
        const bool control = qobject_cast<QAbstractButton*>(widget) || qobject_cast<QLineEdit*>(widget)
            || qobject_cast<QComboBox*>(widget) || qobject_cast<QAbstractItemView*>(widget)
            || qobject_cast<QTextEdit*>(widget) || qobject_cast<QPlainTextEdit*>(widget);
        // Qt's own parts (a combo box's popup list, a line edit's clear button) are named by Qt.
        const bool qtsOwn = widget->objectName().startsWith(QLatin1String("qt_"))
            || qobject_cast<QComboBox*>(widget->parentWidget())
            || (widget->parentWidget() && widget->parentWidget()->inherits("QComboBoxPrivateContainer"));
        if (control && !qtsOwn && widget->isVisibleTo(&window) && widget->accessibleName().isEmpty()) {
            const auto* button = qobject_cast<QAbstractButton*>(widget);
            // A button's visible text is its accessible name.
            if (button && !button->text().isEmpty()) {
                continue;
            }
            missing.append(QStringLiteral("%1 (%2)").arg(
                widget->objectName(), QString::fromLatin1(widget->metaObject()->className())));
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
}

void TestAppResources::systemLanguageLoadsItsTranslation()
{
    QVERIFY(ui::AppTranslations::install(QLocale(QLocale::Spanish, QLocale::Mexico)));
    QCOMPARE(QCoreApplication::translate("callsnare::ui::MainWindow", "&Quit"), QStringLiteral("&Salir"));
    QCOMPARE(QCoreApplication::translate("callsnare::ui::ResponseTarget", "waiting %n min", nullptr, 7),
             QStringLiteral("esperando 7 min"));
}

QTEST_MAIN(TestAppResources)
#include "tst_appresources.moc"
