// The first start on a computer, driven as a dispatcher would: type the
// passphrase twice (a mismatch and a weak one are refused with a visible
// sentence and no file), make the profile with "Enroll later", and enroll
// against the real relay (a refused code and an unreachable relay say so and
// leave the created profile usable).

#include "RelayWithCarrier.h"

#include "store/Profile.h"
#include "store/SyncStateRepository.h"
#include "ui/FirstRunDialog.h"
#include "ui/PassphraseStrength.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace callsnare;
using callsnare::syncclient::DeviceCredentials;
using callsnare::test::RelayWithCarrier;
using callsnare::ui::FirstRunDialog;
using callsnare::ui::PassphraseStrength;

namespace {

const QByteArray account = "AC00000000000000000000000000000e01";
const QByteArray authToken = "first-run-token";
const QByteArray orgNumber = "+15125550171";
const QString goodPassphrase = QStringLiteral("copper kettle winter 42");

template <typename T> T* child(QWidget& parent, const char* name)
{
    auto* found = parent.findChild<T*>(QString::fromLatin1(name));
    if (!found)
        qWarning() << "no child" << name;
    return found;
}

} // namespace

class TestFirstRun : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void strengthEstimate_data();
    void strengthEstimate();
    void strengthHintFollowsTyping();
    void enrollLaterCreatesTheProfile();
    void mismatchIsRefusedWithAVisibleMessage();
    void weakPassphraseIsRefused_data();
    void weakPassphraseIsRefused();
    void enrollsWithTheRelay();
    void refusedCodeKeepsTheProfileAndAllowsEnrollLater();
    void unreachableRelayIsAClearMessage();

private:
    // Fills the passphrase fields by typing.
    static void typePassphrases(FirstRunDialog& dialog, const QString& first, const QString& second);
    QString path() const { return m_dir->filePath(QStringLiteral("profile-%1.callsnare").arg(m_case)); }

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_case = 0;
};

void TestFirstRun::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qunsetenv("CALLSNARE_RELAY_SECRETS_KEY");
    m_dir = std::make_unique<QTemporaryDir>(qEnvironmentVariable("CALLSNARE_TEST_TMPDIR", QDir::tempPath())
                                            + QStringLiteral("/firstrun-XXXXXX"));
    QVERIFY(m_dir->isValid());
}

void TestFirstRun::init()
{
    ++m_case;
}

void TestFirstRun::typePassphrases(FirstRunDialog& dialog, const QString& first, const QString& second)
{
    QLineEdit* passphrase = child<QLineEdit>(dialog, "passphrase");
    QLineEdit* again = child<QLineEdit>(dialog, "passphraseAgain");
    QVERIFY(passphrase && again);
    passphrase->clear();
    again->clear();
    QTest::keyClicks(passphrase, first);
    QTest::keyClicks(again, second);
}

void TestFirstRun::strengthEstimate_data()
{
    QTest::addColumn<QString>("passphrase");
    QTest::addColumn<int>("level");
    QTest::newRow("empty") << QString() << int(PassphraseStrength::Level::VeryWeak);
    QTest::newRow("short") << QStringLiteral("Ab1!x") << int(PassphraseStrength::Level::VeryWeak);
    QTest::newRow("repetitive") << QStringLiteral("aaaaaaaaaaaaaaaa")
                                << int(PassphraseStrength::Level::VeryWeak);
    QTest::newRow("notorious") << QStringLiteral("Password123!") << int(PassphraseStrength::Level::VeryWeak);
    QTest::newRow("eight lowercase") << QStringLiteral("abcdefgh")
                                     << int(PassphraseStrength::Level::VeryWeak);
    QTest::newRow("ten lowercase") << QStringLiteral("hvacrepair") << int(PassphraseStrength::Level::Weak);
    QTest::newRow("mixed twelve") << QStringLiteral("Furnace7-ok") << int(PassphraseStrength::Level::Fair);
    QTest::newRow("words") << goodPassphrase << int(PassphraseStrength::Level::Strong);
}

void TestFirstRun::strengthEstimate()
{
    QFETCH(QString, passphrase);
    QFETCH(int, level);
    const auto estimate = PassphraseStrength::estimate(passphrase);
    QVERIFY2(int(estimate.level) == level,
             qPrintable(QStringLiteral("%1 bits: %2").arg(estimate.bits).arg(estimate.hint)));
    QCOMPARE(estimate.acceptable(), level != int(PassphraseStrength::Level::VeryWeak));
    QVERIFY(!estimate.hint.isEmpty());
}

void TestFirstRun::strengthHintFollowsTyping()
{
    FirstRunDialog dialog(path(), DeviceCredentials::Storage::ProfileOnly);
    dialog.show();
    QLabel* hint = child<QLabel>(dialog, "strengthHint");
    QVERIFY(hint);
    QTest::keyClicks(child<QLineEdit>(dialog, "passphrase"), QStringLiteral("abc"));
    QVERIFY2(hint->text().contains(QStringLiteral("very weak")), qPrintable(hint->text()));
    QTest::keyClicks(child<QLineEdit>(dialog, "passphrase"), QStringLiteral(" copper kettle winter"));
    QVERIFY2(hint->text().contains(QStringLiteral("strong")), qPrintable(hint->text()));
}

void TestFirstRun::enrollLaterCreatesTheProfile()
{
    FirstRunDialog dialog(path(), DeviceCredentials::Storage::ProfileOnly);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    typePassphrases(dialog, goodPassphrase, goodPassphrase);
    QTest::mouseClick(child<QPushButton>(dialog, "enrollLaterButton"), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(dialog.enrolledOrgId().isEmpty());
    auto profile = dialog.takeProfile();
    QVERIFY(profile);
    QCOMPARE(profile->path(), path());
    // The form forgets the passphrase once the profile exists.
    QVERIFY(child<QLineEdit>(dialog, "passphrase")->text().isEmpty());
    QVERIFY(dialog.takePassphraseToRemember().isEmpty()); // the box was not ticked
    profile.reset();

    QString error;
    QVERIFY2(store::Profile::open(path(), goodPassphrase, store::Profile::Access::ReadOnly, &error),
             qPrintable(error));
}

void TestFirstRun::mismatchIsRefusedWithAVisibleMessage()
{
    FirstRunDialog dialog(path(), DeviceCredentials::Storage::ProfileOnly);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    typePassphrases(dialog, goodPassphrase, goodPassphrase + QStringLiteral("x"));
    QTest::mouseClick(child<QPushButton>(dialog, "enrollLaterButton"), Qt::LeftButton);
    QVERIFY(dialog.isVisible());
    QLabel* message = child<QLabel>(dialog, "message");
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(QStringLiteral("differ")), qPrintable(message->text()));
    QVERIFY(!QFile::exists(path()));

    // Typed again, the same passphrase goes through.
    typePassphrases(dialog, goodPassphrase, goodPassphrase);
    QTest::mouseClick(child<QPushButton>(dialog, "enrollLaterButton"), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(QFile::exists(path()));
}

void TestFirstRun::weakPassphraseIsRefused_data()
{
    QTest::addColumn<QString>("passphrase");
    QTest::addColumn<QString>("reason");
    QTest::newRow("short") << QStringLiteral("kettle") << QStringLiteral("Too short");
    QTest::newRow("repetitive") << QStringLiteral("zzzzzzzzzzzz") << QStringLiteral("Too repetitive");
    QTest::newRow("notorious") << QStringLiteral("password2024") << QStringLiteral("Too easy to guess");
}

void TestFirstRun::weakPassphraseIsRefused()
{
    QFETCH(QString, passphrase);
    QFETCH(QString, reason);
    FirstRunDialog dialog(path(), DeviceCredentials::Storage::ProfileOnly);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    typePassphrases(dialog, passphrase, passphrase);
    QTest::mouseClick(child<QPushButton>(dialog, "enrollLaterButton"), Qt::LeftButton);
    QVERIFY(dialog.isVisible());
    QVERIFY2(dialog.message().contains(QStringLiteral("too weak")), qPrintable(dialog.message()));
    QVERIFY2(dialog.message().contains(reason), qPrintable(dialog.message()));
    QVERIFY(child<QLabel>(dialog, "message")->isVisible());
    QVERIFY(!QFile::exists(path()));
}

void TestFirstRun::enrollsWithTheRelay()
{
    RelayWithCarrier system(QStringLiteral(CALLSNARE_RELAY_PATH),
                            QStringLiteral(CALLSNARE_CARRIER_STANDIN_PATH));
    system.addAccount(account, authToken);
    QString error;
    QVERIFY2(system.start({}, &error), qPrintable(error));
    const QString org = system.createOrg("Cool Breeze HVAC", account, authToken, orgNumber, &error);
    QVERIFY2(!org.isEmpty(), qPrintable(error));
    const QByteArray printed = system.admin({"device", "enroll-code", "--org", org}, &error);
    QVERIFY2(!printed.isNull(), qPrintable(error));
    const QString code = QString::fromLatin1(printed.trimmed().split('\n').last());

    {
        FirstRunDialog dialog(path(), DeviceCredentials::Storage::ProfileOnly);
        dialog.setDeviceName(QStringLiteral("Front desk"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        typePassphrases(dialog, goodPassphrase, goodPassphrase);
        QTest::keyClicks(child<QLineEdit>(dialog, "relayUrl"), system.relay().baseUrl().toString());
        QTest::keyClicks(child<QLineEdit>(dialog, "enrollmentCode"), code);
        QTest::mouseClick(child<QPushButton>(dialog, "createButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 30000);
        QCOMPARE(dialog.enrolledOrgId(), org);
        QVERIFY2(dialog.enrollmentStatus().contains(QStringLiteral("Cool Breeze HVAC")),
                 qPrintable(dialog.enrollmentStatus()));
        auto profile = dialog.takeProfile();
        std::vector<store::SyncStateRepository::Enrollment> enrollments;
        QVERIFY2(store::SyncStateRepository::enrollments(profile->database(), &enrollments, &error),
                 qPrintable(error));
        QCOMPARE(enrollments.size(), std::size_t{1});
        QCOMPARE(enrollments.front().orgId, org);
    }
    QVERIFY2(system.stop(&error), qPrintable(error));
}

void TestFirstRun::refusedCodeKeepsTheProfileAndAllowsEnrollLater()
{
    RelayWithCarrier system(QStringLiteral(CALLSNARE_RELAY_PATH),
                            QStringLiteral(CALLSNARE_CARRIER_STANDIN_PATH));
    system.addAccount(account, authToken);
    QString error;
    QVERIFY2(system.start({}, &error), qPrintable(error));
    {
        FirstRunDialog dialog(path(), DeviceCredentials::Storage::ProfileOnly);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        typePassphrases(dialog, goodPassphrase, goodPassphrase);
        QTest::keyClicks(child<QLineEdit>(dialog, "relayUrl"), system.relay().baseUrl().toString());
        QTest::keyClicks(child<QLineEdit>(dialog, "enrollmentCode"), QStringLiteral("AAAA-BBBB-CCCC"));
        QTest::mouseClick(child<QPushButton>(dialog, "createButton"), Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(dialog.message().contains(QStringLiteral("did not accept")),
                                  qPrintable(dialog.message()), 30000);
        QVERIFY(dialog.isVisible());
        QVERIFY(QFile::exists(path()));
        QPushButton* later = child<QPushButton>(dialog, "enrollLaterButton");
        QVERIFY(later->isEnabled());
        QTest::mouseClick(later, Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.enrolledOrgId().isEmpty());
        QVERIFY(dialog.takeProfile());
    }
    QVERIFY2(system.stop(&error), qPrintable(error));
}

void TestFirstRun::unreachableRelayIsAClearMessage()
{
    // A port nothing listens on: bound, then released.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();

    FirstRunDialog dialog(path(), DeviceCredentials::Storage::ProfileOnly);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    typePassphrases(dialog, goodPassphrase, goodPassphrase);
    QTest::keyClicks(child<QLineEdit>(dialog, "relayUrl"), QStringLiteral("http://127.0.0.1:%1").arg(port));
    QTest::keyClicks(child<QLineEdit>(dialog, "enrollmentCode"), QStringLiteral("7KQ2-M9XD-PA4T"));
    QTest::mouseClick(child<QPushButton>(dialog, "createButton"), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(dialog.message().contains(QStringLiteral("cannot be reached")),
                              qPrintable(dialog.message()), 30000);
    QCOMPARE(child<QPushButton>(dialog, "createButton")->text(), QStringLiteral("Try &enrolling again"));
    QTest::mouseClick(child<QPushButton>(dialog, "enrollLaterButton"), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

QTEST_MAIN(TestFirstRun)
#include "tst_firstrun.moc"
