#pragma once

#include "domain/MessageTemplate.h"

#include <QString>
#include <QWidget>

#include <map>
#include <string>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace callsnare::ui {

// Where the dispatcher writes a text: a template picker (placeholders filled
// from the lead), the text, a segment counter and the send button
// (Ctrl+Return sends). When the homeowner opted out, a banner says so and
// sending is disabled. The composer only asks for a send (sendRequested);
// the thread view performs it and clears the composer when it worked.
class Composer : public QWidget {
    Q_OBJECT

public:
    explicit Composer(QWidget* parent = nullptr);

    // Template name -> text, as the organization stores them.
    void setTemplates(const std::map<std::string, std::string, std::less<>>& templates);
    // The values placeholders take for the current lead.
    void setTemplateValues(domain::TemplateValues values);
    // Blocks sending with a banner carrying `reason` (empty: sending allowed).
    void setBlocked(const QString& reason);
    bool isBlocked() const { return !m_blockedReason.isEmpty(); }

    QString text() const;
    void setText(const QString& text);
    void clear();

    QPlainTextEdit* editor() const { return m_edit; }
    QPushButton* sendButton() const { return m_send; }
    QComboBox* templatePicker() const { return m_templates; }
    QLabel* segmentCounter() const { return m_segments; }
    QLabel* banner() const { return m_banner; }

    // The template's text with the lead's values in; the raw text when a
    // placeholder is unknown (the dispatcher fixes it by hand).
    static QString renderTemplate(const QString& text, const domain::TemplateValues& values);
    static QString templateLabel(const QString& name);
    // "2 segments, 97 left (GSM)": what a text costs, as the counter shows it.
    static QString segmentLabel(const QString& text);

signals:
    void sendRequested(const QString& body);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void insertTemplate(int index);
    void updateState();
    void requestSend();

    QComboBox* m_templates;
    QPlainTextEdit* m_edit;
    QLabel* m_segments;
    QLabel* m_banner;
    QPushButton* m_send;
    domain::TemplateValues m_values;
    QString m_blockedReason;
};

} // namespace callsnare::ui
