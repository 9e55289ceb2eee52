#include "ui/SettingsTextingPage.h"

#include "ui/DialogParts.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTime>
#include <QTimeEdit>
#include <QVBoxLayout>

namespace callsnare::ui {

namespace {

QTime clockOf(std::chrono::minutes time)
{
    const auto minutes = static_cast<int>(time.count());
    return QTime(minutes / 60 % 24, minutes % 60);
}

qint64 minutesOf(const QTime& time)
{
    return time.hour() * 60 + time.minute();
}

QTimeEdit* timeEdit(const QString& objectName, const QString& accessibleName, QWidget* parent)
{
    auto* edit = new QTimeEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setDisplayFormat(QStringLiteral("HH:mm"));
    return edit;
}

QSpinBox* minutesBox(const QString& objectName, const QString& accessibleName, int maximum, QWidget* parent)
{
    auto* box = new QSpinBox(parent);
    box->setObjectName(objectName);
    box->setAccessibleName(accessibleName);
    box->setRange(1, maximum);
    box->setSuffix(SettingsTextingPage::tr(" min"));
    return box;
}

} // namespace

SettingsTextingPage::SettingsTextingPage(QWidget* parent)
    : QWidget(parent), m_quietStart(timeEdit(QStringLiteral("quietStart"), tr("Quiet hours start"), this)),
      m_quietEnd(timeEdit(QStringLiteral("quietEnd"), tr("Quiet hours end"), this)),
      m_policy(new QComboBox(this)),
      m_dedupe(minutesBox(QStringLiteral("dedupeWindow"), tr("Dedupe window in minutes"),
                          static_cast<int>(protocol::MaxDedupeWindowMinutes), this)),
      m_target(minutesBox(QStringLiteral("responseTarget"), tr("Response target in minutes"),
                          static_cast<int>(protocol::MaxResponseTargetMinutes), this)),
      m_offset(minutesBox(QStringLiteral("reminderOffset"), tr("Reminder offset in minutes before the visit"),
                          static_cast<int>(protocol::MaxReminderOffsetMinutes), this)),
      m_addOffset(new QPushButton(tr("&Add reminder"), this)),
      m_removeOffset(new QPushButton(tr("R&emove reminder"), this)), m_offsets(new QListWidget(this))
{
    setObjectName(QStringLiteral("textingPage"));
    m_policy->setObjectName(QStringLiteral("quietPolicy"));
    m_policy->setAccessibleName(tr("Quiet hours policy"));
    m_policy->addItem(tr("Send when quiet hours end"), QStringLiteral("defer"));
    m_policy->addItem(tr("Do not send"), QStringLiteral("skip"));
    m_quietStart->setToolTip(tr("The same start and end: no quiet hours"));

    auto* quiet = new QGroupBox(tr("Quiet hours (no automated texts)"), this);
    auto* quietForm = new QFormLayout(quiet);
    quietForm->addRow(tr("&From"), m_quietStart);
    quietForm->addRow(tr("&Until"), m_quietEnd);
    quietForm->addRow(tr("&Policy"), m_policy);

    auto* leads = new QGroupBox(tr("Leads"), this);
    auto* leadForm = new QFormLayout(leads);
    m_dedupe->setToolTip(tr("A repeat call from the same number within this time joins the same lead"));
    m_target->setToolTip(tr("A homeowner's reply waiting longer than this for an answer is highlighted"));
    leadForm->addRow(tr("&Dedupe window"), m_dedupe);
    leadForm->addRow(tr("Response tar&get"), m_target);

    auto* reminders = new QGroupBox(tr("Booking reminders"), this);
    auto* reminderLayout = new QVBoxLayout(reminders);
    auto* adder = new QHBoxLayout;
    m_offset->setValue(120);
    m_offset->setSuffix(tr(" min before"));
    m_addOffset->setObjectName(QStringLiteral("addReminder"));
    m_addOffset->setAccessibleName(tr("Add reminder"));
    m_removeOffset->setObjectName(QStringLiteral("removeReminder"));
    m_removeOffset->setAccessibleName(tr("Remove the selected reminder"));
    m_offsets->setObjectName(QStringLiteral("reminderList"));
    m_offsets->setAccessibleName(tr("Reminders before a visit"));
    adder->addWidget(m_offset, 1);
    adder->addWidget(m_addOffset);
    adder->addWidget(m_removeOffset);
    reminderLayout->addLayout(adder);
    reminderLayout->addWidget(m_offsets);
    connect(m_addOffset, &QPushButton::clicked, this, [this] { addOffset(m_offset->value()); });
    connect(m_removeOffset, &QPushButton::clicked, this, [this] { delete m_offsets->currentItem(); });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(quiet);
    layout->addWidget(leads);
    layout->addWidget(reminders, 1);
}

QString SettingsTextingPage::offsetLabel(qint64 minutes)
{
    const qint64 days = minutes / (24 * 60);
    const qint64 hours = minutes / 60 % 24;
    const qint64 rest = minutes % 60;
    QStringList parts;
    if (days > 0) {
        parts.append(tr("%n day(s)", nullptr, static_cast<int>(days)));
    }
    if (hours > 0) {
        parts.append(tr("%1 h").arg(hours));
    }
    if (rest > 0) {
        parts.append(tr("%1 min").arg(rest));
    }
    return tr("%1 before").arg(parts.join(QLatin1Char(' ')));
}

void SettingsTextingPage::load(const store::OrgSettingsRecord& settings)
{
    m_loaded = settings;
    m_quietStart->setTime(clockOf(settings.quietHours.start));
    m_quietEnd->setTime(clockOf(settings.quietHours.end));
    m_policy->setCurrentIndex(settings.quietHours.policy == domain::QuietHoursPolicy::Skip ? 1 : 0);
    m_dedupe->setValue(static_cast<int>(settings.dedupeWindow.count()));
    m_target->setValue(static_cast<int>(settings.responseTarget.count()));
    m_offsets->clear();
    for (const auto offset : settings.reminderOffsets) {
        addOffset(offset.count());
    }
}

void SettingsTextingPage::addOffset(qint64 minutes)
{
    auto* item = new QListWidgetItem(offsetLabel(minutes), m_offsets);
    item->setData(Qt::UserRole, minutes);
    m_offsets->setCurrentItem(item);
}

std::vector<std::int64_t> SettingsTextingPage::offsets() const
{
    std::vector<std::int64_t> minutes;
    for (int row = 0; row < m_offsets->count(); ++row) {
        minutes.push_back(m_offsets->item(row)->data(Qt::UserRole).toLongLong());
    }
    return minutes;
}

void SettingsTextingPage::collectChanges(protocol::SettingsChange* change) const
{
    if (const qint64 start = minutesOf(m_quietStart->time()); start != m_loaded.quietHours.start.count()) {
        change->quietStartMinutes = start;
    }
    if (const qint64 end = minutesOf(m_quietEnd->time()); end != m_loaded.quietHours.end.count()) {
        change->quietEndMinutes = end;
    }
    const std::string loadedPolicy
        = m_loaded.quietHours.policy == domain::QuietHoursPolicy::Skip ? "skip" : "defer";
    if (const std::string policy = m_policy->currentData().toString().toStdString(); policy != loadedPolicy) {
        change->quietPolicy = policy;
    }
    if (m_dedupe->value() != m_loaded.dedupeWindow.count()) {
        change->dedupeWindowMinutes = m_dedupe->value();
    }
    if (m_target->value() != m_loaded.responseTarget.count()) {
        change->responseTargetMinutes = m_target->value();
    }
    std::vector<std::int64_t> loadedOffsets;
    for (const auto offset : m_loaded.reminderOffsets) {
        loadedOffsets.push_back(offset.count());
    }
    if (auto minutes = offsets(); minutes != loadedOffsets) {
        change->reminderOffsetsMinutes = std::move(minutes);
    }
}

QWidget* SettingsTextingPage::widgetFor(const QString& field) const
{
    if (field == QLatin1String("quiet_start_minutes")) {
        return m_quietStart;
    }
    if (field == QLatin1String("quiet_end_minutes")) {
        return m_quietEnd;
    }
    if (field == QLatin1String("quiet_policy")) {
        return m_policy;
    }
    if (field == QLatin1String("dedupe_window_minutes")) {
        return m_dedupe;
    }
    if (field == QLatin1String("response_target_minutes")) {
        return m_target;
    }
    if (field.startsWith(QLatin1String("reminder_offsets_minutes"))) {
        if (const int row = fieldIndex(field); row >= 0) {
            m_offsets->setCurrentRow(row);
        }
        return m_offsets;
    }
    return nullptr;
}

} // namespace callsnare::ui
