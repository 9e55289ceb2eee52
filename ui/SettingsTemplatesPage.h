#pragma once

#include "domain/MessageTemplate.h"
#include "protocol/OrgSettings.h"
#include "store/OrgSettingsRepository.h"

#include <QString>
#include <QWidget>

#include <map>
#include <string>

class QComboBox;
class QLabel;
class QPlainTextEdit;

namespace callsnare::ui {

// Settings > Templates: the texts the automation sends. Pick one, edit it;
// the preview fills the placeholders from a sample lead and the counter says
// how many SMS segments the text costs (as the composer counts them).
class SettingsTemplatesPage : public QWidget {
    Q_OBJECT

public:
    explicit SettingsTemplatesPage(QWidget* parent = nullptr);

    // `sample`: the values the preview fills in (the org's name and number,
    // a sample homeowner and visit).
    void load(const store::OrgSettingsRecord& settings, domain::TemplateValues sample);
    // Adds the templates whose text differs from what was loaded.
    void collectChanges(protocol::SettingsChange* change) const;
    // Shows the template a wire field names ("templates.text_back") and
    // returns its editor; null when the field is not on this page.
    QWidget* widgetFor(const QString& field);

    QComboBox* picker() const { return m_picker; }
    QPlainTextEdit* editor() const { return m_editor; }
    QLabel* preview() const { return m_preview; }
    QLabel* segmentCounter() const { return m_segments; }

private:
    void showTemplate(int index);
    void textEdited();

    QComboBox* m_picker;
    QPlainTextEdit* m_editor;
    QLabel* m_placeholders;
    QLabel* m_preview;
    QLabel* m_segments;
    domain::TemplateValues m_sample;
    std::map<std::string, std::string, std::less<>> m_loaded;
    std::map<std::string, std::string, std::less<>> m_texts; // as edited
    QString m_shown; // the template in the editor
};

} // namespace callsnare::ui
