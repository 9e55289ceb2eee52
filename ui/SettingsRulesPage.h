#pragma once

#include "protocol/OrgSettings.h"
#include "store/OrgSettingsRepository.h"

#include <QWidget>

class QLineEdit;
class QListWidget;
class QPushButton;

namespace callsnare::ui {

// Settings > Response rules: the intake questions the automation asks, in
// order, once the homeowner replies (each answer is kept on the lead under
// its key). Add, edit, remove and reorder them.
class SettingsRulesPage : public QWidget {
    Q_OBJECT

public:
    explicit SettingsRulesPage(QWidget* parent = nullptr);

    void load(const store::OrgSettingsRecord& settings);
    // Adds the questions (as a whole list) when they differ from what was loaded.
    void collectChanges(protocol::SettingsChange* change) const;
    // The control showing a wire field ("intake_questions[1].key"); null when
    // it is not on this page.
    QWidget* widgetFor(const QString& field) const;

    QListWidget* questionList() const { return m_list; }
    QLineEdit* keyEdit() const { return m_key; }
    QLineEdit* textEdit() const { return m_text; }
    QPushButton* addButton() const { return m_add; }
    QPushButton* updateButton() const { return m_update; }
    QPushButton* removeButton() const { return m_remove; }
    QPushButton* upButton() const { return m_up; }
    QPushButton* downButton() const { return m_down; }

private:
    std::vector<domain::IntakeQuestion> questions() const;
    void addQuestion(const domain::IntakeQuestion& question);
    void selectionChanged();
    void move(int by);

    QListWidget* m_list;
    QLineEdit* m_key;
    QLineEdit* m_text;
    QPushButton* m_add;
    QPushButton* m_update;
    QPushButton* m_remove;
    QPushButton* m_up;
    QPushButton* m_down;
    std::vector<domain::IntakeQuestion> m_loaded;
};

} // namespace callsnare::ui
