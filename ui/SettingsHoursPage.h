#pragma once

#include "protocol/OrgSettings.h"
#include "store/OrgSettingsRepository.h"

#include <QWidget>

#include <array>

class QCheckBox;
class QDateEdit;
class QListWidget;
class QPushButton;
class QTimeEdit;

namespace callsnare::ui {

// Settings > Business hours: each weekday open from–to or closed, and the
// holidays (closed whatever the week says). The automation texts the
// business-hours wording while open, the after-hours wording otherwise.
//
// A day shows one stretch; a day the relay keeps in several stretches shows
// their span and keeps its stretches unless the owner edits that day.
// A close of 00:00 means midnight (open until the end of the day).
class SettingsHoursPage : public QWidget {
    Q_OBJECT

public:
    explicit SettingsHoursPage(QWidget* parent = nullptr);

    void load(const store::OrgSettingsRecord& settings);
    // Adds the week and the holidays to `change` when they differ from what
    // was loaded (each goes as a whole).
    void collectChanges(protocol::SettingsChange* change) const;
    // The control showing a wire field ("business_hours.sat",
    // "holidays[2]"); null when the field is not on this page.
    QWidget* widgetFor(const QString& field) const;

    QCheckBox* openBox(unsigned weekday) const { return m_days[weekday].open; }
    QTimeEdit* opensEdit(unsigned weekday) const { return m_days[weekday].opens; }
    QTimeEdit* closesEdit(unsigned weekday) const { return m_days[weekday].closes; }
    QDateEdit* holidayDate() const { return m_holidayDate; }
    QPushButton* addHolidayButton() const { return m_addHoliday; }
    QPushButton* removeHolidayButton() const { return m_removeHoliday; }
    QListWidget* holidayList() const { return m_holidays; }

    // "Monday", by std::chrono::weekday::c_encoding() (0 = Sunday).
    static QString dayName(unsigned weekday);

private:
    struct DayRow {
        QCheckBox* open = nullptr;
        QTimeEdit* opens = nullptr;
        QTimeEdit* closes = nullptr;
    };

    protocol::WeeklyHours weekly() const;
    std::vector<std::chrono::year_month_day> holidays() const;
    void addHoliday();
    void updateRow(unsigned weekday);

    std::array<DayRow, 7> m_days{};
    QDateEdit* m_holidayDate;
    QPushButton* m_addHoliday;
    QPushButton* m_removeHoliday;
    QListWidget* m_holidays;
    protocol::WeeklyHours m_loadedWeekly{};
    std::vector<std::chrono::year_month_day> m_loadedHolidays;
};

} // namespace callsnare::ui
