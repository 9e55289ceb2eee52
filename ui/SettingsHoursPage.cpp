#include "ui/SettingsHoursPage.h"

#include "ui/DialogParts.h"

#include <QCheckBox>
#include <QDate>
#include <QDateEdit>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTime>
#include <QTimeEdit>
#include <QVBoxLayout>

namespace callsnare::ui {

namespace {

// Monday first, as an office reads its week.
constexpr unsigned kDisplayOrder[] = {1, 2, 3, 4, 5, 6, 0};
constexpr int kMinutesPerDay = 24 * 60;

QTime clockOf(domain::TimeOfDay time)
{
    const auto minutes = static_cast<int>(time.count() % kMinutesPerDay);
    return QTime(minutes / 60, minutes % 60);
}

int minutesOf(const QTime& time)
{
    return time.hour() * 60 + time.minute();
}

QDate dateOf(std::chrono::year_month_day day)
{
    return QDate(static_cast<int>(day.year()), static_cast<int>(static_cast<unsigned>(day.month())),
                 static_cast<int>(static_cast<unsigned>(day.day())));
}

std::chrono::year_month_day dayOf(const QDate& date)
{
    return std::chrono::year_month_day{std::chrono::year{date.year()},
                                       std::chrono::month{static_cast<unsigned>(date.month())},
                                       std::chrono::day{static_cast<unsigned>(date.day())}};
}

// What a row shows of a day: its span, or nothing when closed.
std::optional<domain::OpenInterval> spanOf(const domain::BusinessHours::DaySchedule& day)
{
    if (day.empty()) {
        return std::nullopt;
    }
    return domain::OpenInterval{day.front().open, day.back().close};
}

} // namespace

SettingsHoursPage::SettingsHoursPage(QWidget* parent)
    : QWidget(parent), m_holidayDate(new QDateEdit(this)),
      m_addHoliday(new QPushButton(tr("&Add holiday"), this)),
      m_removeHoliday(new QPushButton(tr("R&emove holiday"), this)), m_holidays(new QListWidget(this))
{
    setObjectName(QStringLiteral("hoursPage"));
    auto* week = new QGroupBox(tr("Weekly hours"), this);
    auto* grid = new QGridLayout(week);
    grid->addWidget(new QLabel(tr("Opens"), week), 0, 2);
    grid->addWidget(new QLabel(tr("Closes (00:00 = midnight)"), week), 0, 3);
    int row = 1;
    for (const unsigned weekday : kDisplayOrder) {
        const QString key = QString::fromLatin1(protocol::weekdayKey(weekday).data(), 3);
        DayRow& day = m_days[weekday];
        day.open = new QCheckBox(dayName(weekday), week);
        day.open->setObjectName(QStringLiteral("open_") + key);
        day.open->setAccessibleName(tr("%1: open").arg(dayName(weekday)));
        day.opens = new QTimeEdit(week);
        day.opens->setObjectName(QStringLiteral("opens_") + key);
        day.opens->setAccessibleName(tr("%1: opens at").arg(dayName(weekday)));
        day.opens->setDisplayFormat(QStringLiteral("HH:mm"));
        day.closes = new QTimeEdit(week);
        day.closes->setObjectName(QStringLiteral("closes_") + key);
        day.closes->setAccessibleName(tr("%1: closes at").arg(dayName(weekday)));
        day.closes->setDisplayFormat(QStringLiteral("HH:mm"));
        day.closes->setToolTip(tr("00:00 means open until midnight"));
        grid->addWidget(day.open, row, 0, 1, 2);
        grid->addWidget(day.opens, row, 2);
        grid->addWidget(day.closes, row, 3);
        connect(day.open, &QCheckBox::toggled, this, [this, weekday] { updateRow(weekday); });
        ++row;
    }

    auto* closed = new QGroupBox(tr("Holidays (closed all day)"), this);
    auto* holidayLayout = new QVBoxLayout(closed);
    auto* adder = new QHBoxLayout;
    m_holidayDate->setObjectName(QStringLiteral("holidayDate"));
    m_holidayDate->setAccessibleName(tr("Holiday date"));
    m_holidayDate->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_holidayDate->setCalendarPopup(true);
    m_holidayDate->setDate(QDate::currentDate());
    m_addHoliday->setObjectName(QStringLiteral("addHoliday"));
    m_addHoliday->setAccessibleName(tr("Add holiday"));
    m_removeHoliday->setObjectName(QStringLiteral("removeHoliday"));
    m_removeHoliday->setAccessibleName(tr("Remove the selected holiday"));
    m_holidays->setObjectName(QStringLiteral("holidayList"));
    m_holidays->setAccessibleName(tr("Holidays"));
    adder->addWidget(m_holidayDate, 1);
    adder->addWidget(m_addHoliday);
    adder->addWidget(m_removeHoliday);
    holidayLayout->addLayout(adder);
    holidayLayout->addWidget(m_holidays);
    connect(m_addHoliday, &QPushButton::clicked, this, &SettingsHoursPage::addHoliday);
    connect(m_removeHoliday, &QPushButton::clicked, this, [this] { delete m_holidays->currentItem(); });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(week);
    layout->addWidget(closed, 1);
}

QString SettingsHoursPage::dayName(unsigned weekday)
{
    switch (weekday) {
    case 0:
        return tr("Sunday");
    case 1:
        return tr("Monday");
    case 2:
        return tr("Tuesday");
    case 3:
        return tr("Wednesday");
    case 4:
        return tr("Thursday");
    case 5:
        return tr("Friday");
    default:
        return tr("Saturday");
    }
}

void SettingsHoursPage::load(const store::OrgSettingsRecord& settings)
{
    for (unsigned weekday = 0; weekday < 7; ++weekday) {
        m_loadedWeekly[weekday] = settings.hours.day(std::chrono::weekday{weekday});
        const auto span = spanOf(m_loadedWeekly[weekday]);
        DayRow& day = m_days[weekday];
        day.open->setChecked(span.has_value());
        day.opens->setTime(clockOf(span ? span->open : std::chrono::hours{8}));
        day.closes->setTime(clockOf(span ? span->close : std::chrono::hours{17}));
        updateRow(weekday);
    }
    m_loadedHolidays = settings.hours.holidays();
    m_holidays->clear();
    for (const auto& day : m_loadedHolidays) {
        const QDate date = dateOf(day);
        auto* item = new QListWidgetItem(date.toString(Qt::ISODate), m_holidays);
        item->setData(Qt::UserRole, date);
    }
}

void SettingsHoursPage::updateRow(unsigned weekday)
{
    const bool open = m_days[weekday].open->isChecked();
    m_days[weekday].opens->setEnabled(open);
    m_days[weekday].closes->setEnabled(open);
}

void SettingsHoursPage::addHoliday()
{
    const QDate date = m_holidayDate->date();
    auto* item = new QListWidgetItem(date.toString(Qt::ISODate), m_holidays);
    item->setData(Qt::UserRole, date);
    m_holidays->setCurrentItem(item);
}

protocol::WeeklyHours SettingsHoursPage::weekly() const
{
    protocol::WeeklyHours weekly{};
    for (unsigned weekday = 0; weekday < 7; ++weekday) {
        const DayRow& day = m_days[weekday];
        if (!day.open->isChecked()) {
            continue;
        }
        const int close = minutesOf(day.closes->time());
        const domain::OpenInterval shown{std::chrono::minutes{minutesOf(day.opens->time())},
                                         std::chrono::minutes{close == 0 ? kMinutesPerDay : close}};
        // A day left as loaded keeps its stretches (it may have several).
        weekly[weekday] = spanOf(m_loadedWeekly[weekday]) == shown
            ? m_loadedWeekly[weekday]
            : domain::BusinessHours::DaySchedule{shown};
    }
    return weekly;
}

std::vector<std::chrono::year_month_day> SettingsHoursPage::holidays() const
{
    std::vector<std::chrono::year_month_day> days;
    for (int row = 0; row < m_holidays->count(); ++row) {
        days.push_back(dayOf(m_holidays->item(row)->data(Qt::UserRole).toDate()));
    }
    return days;
}

void SettingsHoursPage::collectChanges(protocol::SettingsChange* change) const
{
    if (auto week = weekly(); week != m_loadedWeekly) {
        change->businessHours = std::move(week);
    }
    if (auto days = holidays(); days != m_loadedHolidays) {
        change->holidays = std::move(days);
    }
}

QWidget* SettingsHoursPage::widgetFor(const QString& field) const
{
    if (field.startsWith(QLatin1String("business_hours."))) {
        const QString key = field.mid(15, 3);
        for (unsigned weekday = 0; weekday < 7; ++weekday) {
            if (key == QLatin1String(protocol::weekdayKey(weekday).data(), 3)) {
                return m_days[weekday].opens;
            }
        }
        return m_days[1].opens;
    }
    if (field.startsWith(QLatin1String("holidays"))) {
        if (const int row = fieldIndex(field); row >= 0) {
            m_holidays->setCurrentRow(row);
        }
        return m_holidays;
    }
    return nullptr;
}

} // namespace callsnare::ui
