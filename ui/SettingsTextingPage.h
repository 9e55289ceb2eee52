#pragma once

#include "protocol/OrgSettings.h"
#include "store/OrgSettingsRepository.h"

#include <QWidget>

class QComboBox;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTimeEdit;

namespace callsnare::ui {

// Settings > Texting: when automated texts may go out (quiet hours and what
// happens to a text due inside them), how long a repeat call joins the
// same lead (dedupe window), how soon a reply needs a human answer
// (response target) and when booking reminders go out (minutes before the
// visit).
class SettingsTextingPage : public QWidget {
    Q_OBJECT

public:
    explicit SettingsTextingPage(QWidget* parent = nullptr);

    void load(const store::OrgSettingsRecord& settings);
    // Adds the fields that differ from what was loaded.
    void collectChanges(protocol::SettingsChange* change) const;
    // The control showing a wire field; null when it is not on this page.
    QWidget* widgetFor(const QString& field) const;

    QTimeEdit* quietStart() const { return m_quietStart; }
    QTimeEdit* quietEnd() const { return m_quietEnd; }
    QComboBox* quietPolicy() const { return m_policy; }
    QSpinBox* dedupeWindow() const { return m_dedupe; }
    QSpinBox* responseTarget() const { return m_target; }
    QSpinBox* reminderOffset() const { return m_offset; }
    QPushButton* addReminderButton() const { return m_addOffset; }
    QPushButton* removeReminderButton() const { return m_removeOffset; }
    QListWidget* reminderList() const { return m_offsets; }

    // "1 day 2 h before", "30 min before".
    static QString offsetLabel(qint64 minutes);

private:
    std::vector<std::int64_t> offsets() const;
    void addOffset(qint64 minutes);

    QTimeEdit* m_quietStart;
    QTimeEdit* m_quietEnd;
    QComboBox* m_policy;
    QSpinBox* m_dedupe;
    QSpinBox* m_target;
    QSpinBox* m_offset;
    QPushButton* m_addOffset;
    QPushButton* m_removeOffset;
    QListWidget* m_offsets;
    store::OrgSettingsRecord m_loaded;
};

} // namespace callsnare::ui
