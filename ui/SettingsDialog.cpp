#include "ui/SettingsDialog.h"

#include "client/DispatcherActions.h"
#include "store/OrgSettingsRepository.h"
#include "store/OrganizationRepository.h"
#include "store/StoreSql.h"
#include "ui/SettingsHoursPage.h"
#include "ui/SettingsRulesPage.h"
#include "ui/SettingsTemplatesPage.h"
#include "ui/SettingsTextingPage.h"
#include "ui/UiLogging.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

#include <utility>

namespace callsnare::ui {

namespace {

// The property a control carries while it shows a problem (styled below).
constexpr char kProblemProperty[] = "settingsProblem";

void markProblem(QWidget* widget, bool problem)
{
    widget->setProperty(kProblemProperty, problem);
    widget->style()->unpolish(widget);
    widget->style()->polish(widget);
}

// What the preview fills placeholders with: the organization's own name and
// number, a sample homeowner and visit.
domain::TemplateValues sampleValues(const QSqlDatabase& db, const QString& orgId)
{
    domain::TemplateValues values{
        {"company", SettingsDialog::tr("Your company").toStdString()},
        {"first_name", SettingsDialog::tr("Maria").toStdString()},
        {"booking_time", SettingsDialog::tr("9:30 AM").toStdString()},
        {"booking_date", SettingsDialog::tr("Tue, Mar 10").toStdString()},
        {"technician", SettingsDialog::tr("Sam").toStdString()},
        {"office_phone", "(512) 555-0100"},
        {"address", SettingsDialog::tr("1200 Oak St").toStdString()},
    };
    QString error;
    if (const auto org = store::OrganizationRepository(db).find(orgId, &error)) {
        if (!org->name.empty()) {
            values["company"] = org->name;
        }
        if (org->officeNumber) {
            values["office_phone"] = org->officeNumber->display();
        }
    }
    return values;
}

} // namespace

SettingsDialog::SettingsDialog(QSqlDatabase db, QString orgId, QString author, Clock clock, QWidget* parent)
    : QDialog(parent), m_db(std::move(db)), m_orgId(std::move(orgId)), m_author(std::move(author)),
      m_clock(std::move(clock)), m_tabs(new QTabWidget(this)), m_hours(new SettingsHoursPage),
      m_texting(new SettingsTextingPage), m_templates(new SettingsTemplatesPage),
      m_rules(new SettingsRulesPage), m_message(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Organization settings"));
    setAccessibleName(tr("Organization settings"));
    setStyleSheet(
        QStringLiteral("*[%1=\"true\"] { border: 2px solid #c62828; }").arg(QLatin1String(kProblemProperty)));

    m_tabs->setObjectName(QStringLiteral("settingsTabs"));
    m_tabs->setAccessibleName(tr("Settings sections"));
    m_tabs->addTab(m_hours, tr("&Business hours"));
    m_tabs->addTab(m_texting, tr("&Texting"));
    m_tabs->addTab(m_templates, tr("Te&mplates"));
    m_tabs->addTab(m_rules, tr("&Response rules"));

    m_message->setObjectName(QStringLiteral("settingsMessage"));
    m_message->setAccessibleName(tr("Settings message"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_message->hide();

    m_buttons->setObjectName(QStringLiteral("settingsButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Queue the changes"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Close without changing"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    reload();
    resize(640, 560);
}

bool SettingsDialog::reload()
{
    QString error;
    const auto settings = store::OrgSettingsRepository(m_db, m_orgId).find(&error);
    if (!settings) {
        showMessage(error.isEmpty() ? tr("This profile has no organization \"%1\".").arg(m_orgId) : error,
                    true);
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
        return false;
    }
    m_hours->load(*settings);
    m_texting->load(*settings);
    m_templates->load(*settings, sampleValues(m_db, m_orgId));
    m_rules->load(*settings);
    if (settings->version < 1) {
        showMessage(tr("The organization's settings have not arrived from the relay yet; "
                       "connect and sync before changing them."),
                    false);
    }
    return true;
}

protocol::SettingsChange SettingsDialog::pendingChange() const
{
    protocol::SettingsChange change;
    m_hours->collectChanges(&change);
    m_texting->collectChanges(&change);
    m_templates->collectChanges(&change);
    m_rules->collectChanges(&change);
    return change;
}

void SettingsDialog::accept()
{
    clearProblem();
    const protocol::SettingsChange change = pendingChange();
    if (change.empty()) {
        QDialog::accept(); // nothing changed: nothing to queue
        return;
    }
    if (const auto problem = protocol::checkSettingsChange(change)) {
        showProblem(QString::fromStdString(problem->field), QString::fromStdString(problem->problem));
        return;
    }
    QString error;
    syncclient::DispatcherActions actions(m_db, m_orgId, m_author);
    if (!actions.changeSettings(change, m_clock(), &error)) {
        showMessage(error, true);
        return;
    }
    qCInfo(lcUi) << "settings change queued for" << m_orgId;
    // What was queued is the store's state now: later edits compare with it.
    reload();
    showMessage(tr("Your changes are queued. They reach the relay, and the automation follows them, "
                   "when this desktop is online."),
                false);
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Close"));
    emit settingsQueued();
}

QString SettingsDialog::fieldLabel(const QString& field) const
{
    if (field.startsWith(QLatin1String("business_hours."))) {
        const QString key = field.mid(15, 3);
        for (unsigned weekday = 0; weekday < 7; ++weekday) {
            if (key == QLatin1String(protocol::weekdayKey(weekday).data(), 3)) {
                return tr("Business hours, %1").arg(SettingsHoursPage::dayName(weekday));
            }
        }
        return tr("Business hours");
    }
    const std::pair<const char*, QString> labels[] = {
        {"holidays", tr("Holidays")},
        {"quiet_start_minutes", tr("Quiet hours start")},
        {"quiet_end_minutes", tr("Quiet hours end")},
        {"quiet_policy", tr("Quiet hours policy")},
        {"dedupe_window_minutes", tr("Dedupe window")},
        {"response_target_minutes", tr("Response target")},
        {"reminder_offsets_minutes", tr("Reminders")},
        {"templates", tr("Template")},
        {"intake_questions", tr("Intake questions")},
    };
    for (const auto& [prefix, label] : labels) {
        if (field.startsWith(QLatin1String(prefix))) {
            return label;
        }
    }
    return field;
}

void SettingsDialog::showProblem(const QString& field, const QString& problem)
{
    QWidget* widget = m_hours->widgetFor(field);
    if (!widget) {
        widget = m_texting->widgetFor(field);
    }
    if (!widget) {
        widget = m_templates->widgetFor(field);
    }
    if (!widget) {
        widget = m_rules->widgetFor(field);
    }
    showMessage(field.isEmpty() ? problem : tr("%1: %2").arg(fieldLabel(field), problem), true);
    if (!widget) {
        return;
    }
    for (int tab = 0; tab < m_tabs->count(); ++tab) {
        if (m_tabs->widget(tab)->isAncestorOf(widget)) {
            m_tabs->setCurrentIndex(tab);
        }
    }
    m_problemWidget = widget;
    markProblem(widget, true);
    widget->setFocus(Qt::OtherFocusReason);
}

void SettingsDialog::clearProblem()
{
    if (m_problemWidget) {
        markProblem(m_problemWidget, false);
    }
    m_problemWidget = nullptr;
    m_message->hide();
}

void SettingsDialog::showMessage(const QString& text, bool problem)
{
    m_message->setText(text);
    m_message->setStyleSheet(problem ? QStringLiteral("color: #c62828; font-weight: bold;") : QString());
    m_message->setVisible(true);
}

} // namespace callsnare::ui
