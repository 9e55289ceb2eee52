// The owner's settings dialog on a real encrypted profile: edits made in the
// widgets become one settings.change in the outbox with exactly the changed
// fields and the store's settings version as its base; a value the relay
// would refuse is shown beside its field and nothing is queued; the
// template preview and segment counter follow the typing.

#include "UiFixture.h"

#include "store/OrgSettingsRepository.h"
#include "store/OutboxRepository.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"
#include "ui/SettingsHoursPage.h"
#include "ui/SettingsRulesPage.h"
#include "ui/SettingsTemplatesPage.h"
#include "ui/SettingsTextingPage.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTimeEdit>
#include <QtTest>

#include <memory>

using namespace callsnare;
using callsnare::ui::SettingsDialog;

namespace {

constexpr qint64 kRelayVersion = 3;
constexpr unsigned kSaturday = 6;

} // namespace

class TestSettingsDialog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void changedFieldsAreQueued();
    void invalidValuesAreShownAndNothingIsQueued_data();
    void invalidValuesAreShownAndNothingIsQueued();
    void previewAndSegmentsFollowTheTyping();
    void mainWindowOpensTheDialog();

private:
    std::unique_ptr<SettingsDialog> openDialog();
    std::vector<store::OutboxEntry> outbox() const;
    void pressOk(SettingsDialog& dialog);

    ui_fixture::DemoProfile m_demo;
};

void TestSettingsDialog::initTestCase()
{
    QString error;
    QVERIFY2(m_demo.create(QStringLiteral("settings"), 20, &error), qPrintable(error));
}

void TestSettingsDialog::init()
{
    // Each case starts from the relay's settings at a known version and an
    // empty outbox.
    QString error;
    QVERIFY2(store::execute(m_demo.db(), QStringLiteral("DELETE FROM outbox"), {}, &error),
             qPrintable(error));
    store::OrgSettingsRepository repository(m_demo.db(), m_demo.orgId());
    auto settings = repository.find(&error);
    QVERIFY2(settings, qPrintable(error));
    settings->version = kRelayVersion;
    settings->quietHours.start = std::chrono::hours{21};
    settings->quietHours.end = std::chrono::hours{8};
    settings->hours = domain::BusinessHours::weekdays(std::chrono::hours{8}, std::chrono::hours{17});
    settings->reminderOffsets = {std::chrono::hours{24}, std::chrono::hours{2}};
    settings->templates = {{"text_back", "{{company}}: sorry we missed your call. Reply STOP to opt out."}};
    settings->intakeQuestions = {{"problem", "What is going on?"}};
    QVERIFY2(store::execute(m_demo.db(), QStringLiteral("UPDATE organizations SET settings_version = 0"), {},
                            &error),
             qPrintable(error));
    QVERIFY2(repository.saveRelayVersion(*settings, nullptr, &error), qPrintable(error));
}

void TestSettingsDialog::cleanupTestCase()
{
    m_demo.close();
}

std::unique_ptr<SettingsDialog> TestSettingsDialog::openDialog()
{
    auto dialog = std::make_unique<SettingsDialog>(m_demo.db(), m_demo.orgId(), QStringLiteral("Owner"),
                                                   [] { return ui_fixture::DemoProfile::now(); });
    dialog->show();
    return dialog;
}

std::vector<store::OutboxEntry> TestSettingsDialog::outbox() const
{
    std::vector<store::OutboxEntry> entries;
    QString error;
    if (!store::OutboxRepository(m_demo.db(), m_demo.orgId()).pending(100, &entries, &error)) {
        qWarning() << error;
    }
    return entries;
}

void TestSettingsDialog::pressOk(SettingsDialog& dialog)
{
    QTest::mouseClick(dialog.buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
}

void TestSettingsDialog::changedFieldsAreQueued()
{
    auto dialog = openDialog();
    QSignalSpy queued(dialog.get(), &SettingsDialog::settingsQueued);
    dialog->textingPage()->quietStart()->setFocus();
    dialog->textingPage()->quietStart()->setTime(QTime(22, 0));
    dialog->tabs()->setCurrentWidget(dialog->templatesPage());
    auto* picker = dialog->templatesPage()->picker();
    picker->setCurrentIndex(picker->findData(QStringLiteral("text_back")));
    auto* editor = dialog->templatesPage()->editor();
    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(editor, Qt::Key_Delete);
    QTest::keyClicks(editor, QStringLiteral("{{company}} here, {{first_name}}. Reply STOP to opt out."));

    pressOk(*dialog);
    QCOMPARE(queued.count(), 1);
    QVERIFY2(dialog->message()->text().contains(QStringLiteral("queued")),
             qPrintable(dialog->message()->text()));
    const auto entries = outbox();
    QCOMPARE(entries.size(), std::size_t(1));
    QCOMPARE(entries[0].kind, QStringLiteral("settings.change"));
    const QJsonObject mutation = QJsonDocument::fromJson(entries[0].payloadJson.toUtf8()).object();
    QCOMPARE(mutation.value(QStringLiteral("base_version")).toInteger(), kRelayVersion);
    const QJsonObject data = mutation.value(QStringLiteral("data")).toObject();
    QStringList keys = data.keys();
    keys.sort();
    QCOMPARE(keys, QStringList({QStringLiteral("quiet_start_minutes"), QStringLiteral("templates")}));
    QCOMPARE(data.value(QStringLiteral("quiet_start_minutes")).toInt(), 22 * 60);
    const QJsonObject templates = data.value(QStringLiteral("templates")).toObject();
    QCOMPARE(templates.keys(), QStringList({QStringLiteral("text_back")}));
    QCOMPARE(templates.value(QStringLiteral("text_back")).toString(),
             QStringLiteral("{{company}} here, {{first_name}}. Reply STOP to opt out."));

    // The store holds the edit at once, one version ahead as the relay's will be.
    QString error;
    const auto stored = store::OrgSettingsRepository(m_demo.db(), m_demo.orgId()).find(&error);
    QVERIFY2(stored, qPrintable(error));
    QCOMPARE(stored->version, kRelayVersion + 1);
    QCOMPARE(stored->quietHours.start.count(), 22 * 60);

    // Pressing OK again with nothing new queues nothing more.
    pressOk(*dialog);
    QCOMPARE(outbox().size(), std::size_t(1));
}

void TestSettingsDialog::invalidValuesAreShownAndNothingIsQueued_data()
{
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("problemWidget");
    QTest::newRow("open after close") << "saturday"
                                      << "Business hours, Saturday: Each opening time must start"
                                      << "opens_sat";
    QTest::newRow("reminder twice") << "reminder"
                                    << "Reminders: The reminder offset of 120 minutes is listed twice"
                                    << "reminderList";
    QTest::newRow("question without key") << "question"
                                          << "Intake questions: must not be empty"
                                          << "questionKey";
    QTest::newRow("unknown placeholder") << "template"
                                         << "Template: "
                                         << "templateEditor";
}

void TestSettingsDialog::invalidValuesAreShownAndNothingIsQueued()
{
    QFETCH(QString, edit);
    QFETCH(QString, expected);
    QFETCH(QString, problemWidget);
    auto dialog = openDialog();
    QSignalSpy queued(dialog.get(), &SettingsDialog::settingsQueued);
    // A valid edit alongside: the whole change waits for the problem's fix.
    dialog->textingPage()->quietEnd()->setTime(QTime(7, 0));
    if (edit == QLatin1String("saturday")) {
        auto* hours = dialog->hoursPage();
        QTest::mouseClick(hours->openBox(kSaturday), Qt::LeftButton, {}, QPoint(4, 4));
        QVERIFY(hours->openBox(kSaturday)->isChecked());
        hours->opensEdit(kSaturday)->setTime(QTime(17, 0));
        hours->closesEdit(kSaturday)->setTime(QTime(8, 0));
    } else if (edit == QLatin1String("reminder")) {
        auto* texting = dialog->textingPage();
        texting->reminderOffset()->setValue(120);
        QTest::mouseClick(texting->addReminderButton(), Qt::LeftButton);
        QCOMPARE(texting->reminderList()->count(), 3);
    } else if (edit == QLatin1String("question")) {
        auto* rules = dialog->rulesPage();
        rules->keyEdit()->clear();
        QTest::keyClicks(rules->textEdit(), QStringLiteral(" Anything else?"));
        QTest::mouseClick(rules->addButton(), Qt::LeftButton);
        QCOMPARE(rules->questionList()->count(), 2);
    } else {
        auto* editor = dialog->templatesPage()->editor();
        QTest::keyClicks(editor, QStringLiteral(" {{nickname}}"));
    }

    pressOk(*dialog);
    QCOMPARE(queued.count(), 0);
    QVERIFY(dialog->isVisible());
    QVERIFY2(dialog->message()->isVisible() && dialog->message()->text().contains(expected),
             qPrintable(dialog->message()->text()));
    QVERIFY(dialog->problemWidget());
    QCOMPARE(dialog->problemWidget()->objectName(), problemWidget);
    QVERIFY(dialog->problemWidget()->property("settingsProblem").toBool());
    QVERIFY(dialog->tabs()->currentWidget()->isAncestorOf(dialog->problemWidget()));
    QCOMPARE(outbox().size(), std::size_t(0));
    QString error;
    QCOMPARE(store::OrgSettingsRepository(m_demo.db(), m_demo.orgId()).find(&error)->version, kRelayVersion);
}

void TestSettingsDialog::previewAndSegmentsFollowTheTyping()
{
    auto dialog = openDialog();
    auto* page = dialog->templatesPage();
    dialog->tabs()->setCurrentWidget(page);
    page->picker()->setCurrentIndex(page->picker()->findData(QStringLiteral("text_back")));
    // The loaded text, previewed with the organization's name.
    const QString company
        = m_demo.text(QStringLiteral("SELECT name FROM organizations WHERE id = ?"), {m_demo.orgId()});
    QVERIFY(!company.isEmpty());
    QCOMPARE(page->preview()->text(),
             company + QStringLiteral(": sorry we missed your call. Reply STOP to opt out."));

    page->editor()->setFocus();
    QTest::keyClick(page->editor(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(page->editor(), QStringLiteral("Hi {{first_name}}"));
    QCOMPARE(page->preview()->text(), QStringLiteral("Hi Maria"));
    QVERIFY2(page->segmentCounter()->text().startsWith(QStringLiteral("1 segment, 152 left")),
             qPrintable(page->segmentCounter()->text()));

    QTest::keyClicks(page->editor(), QString(160, QLatin1Char('x')));
    QVERIFY2(page->segmentCounter()->text().startsWith(QStringLiteral("2 segments")),
             qPrintable(page->segmentCounter()->text()));

    QTest::keyClicks(page->editor(), QStringLiteral(" {{nick"));
    QVERIFY2(page->preview()->text().startsWith(QStringLiteral("Cannot be sent as written")),
             qPrintable(page->preview()->text()));
    QTest::keyClicks(page->editor(), QStringLiteral("name}}"));
    QVERIFY2(page->preview()->text().contains(QStringLiteral("nickname")),
             qPrintable(page->preview()->text()));

    // Another template and back: the edit is kept.
    page->picker()->setCurrentIndex(page->picker()->findData(QStringLiteral("help")));
    QVERIFY(!page->editor()->toPlainText().startsWith(QStringLiteral("Hi {{first_name}}")));
    page->picker()->setCurrentIndex(page->picker()->findData(QStringLiteral("text_back")));
    QVERIFY(page->editor()->toPlainText().startsWith(QStringLiteral("Hi {{first_name}}")));
}

void TestSettingsDialog::mainWindowOpensTheDialog()
{
    ui::MainWindow window(m_demo.db(), m_demo.orgId(), QStringLiteral("Owner"));
    window.show();
    auto* action = window.findChild<QAction*>(QStringLiteral("settingsAction"));
    QVERIFY(action);
    QVERIFY(action->isEnabled());
    action->trigger();
    SettingsDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<SettingsDialog*>(QStringLiteral("settingsDialog"))) != nullptr);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->textingPage()->quietStart()->time(), QTime(21, 0));
    QVERIFY(dialog->hoursPage()->openBox(1)->isChecked());
    QVERIFY(!dialog->hoursPage()->openBox(kSaturday)->isChecked());
    // Every control of the dialog's own is named for assistive technology.
    int named = 0;
    for (const QWidget* control : dialog->findChildren<QWidget*>()) {
        const bool isControl = qobject_cast<const QAbstractButton*>(control)
            || qobject_cast<const QAbstractSpinBox*>(control) || qobject_cast<const QComboBox*>(control)
            || qobject_cast<const QLineEdit*>(control) || qobject_cast<const QListWidget*>(control)
            || qobject_cast<const QPlainTextEdit*>(control);
        if (isControl && !control->objectName().isEmpty()
            && !control->objectName().startsWith(QLatin1String("qt_"))) {
            QVERIFY2(!control->accessibleName().isEmpty(), qPrintable(control->objectName()));
            ++named;
        }
    }
    QVERIFY2(named > 30, qPrintable(QString::number(named)));
    dialog->reject();
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
