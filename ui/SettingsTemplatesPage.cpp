#include "ui/SettingsTemplatesPage.h"

#include "domain/AutomationTexts.h"
#include "domain/Organization.h"
#include "ui/Composer.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <utility>

namespace callsnare::ui {

SettingsTemplatesPage::SettingsTemplatesPage(QWidget* parent)
    : QWidget(parent), m_picker(new QComboBox(this)), m_editor(new QPlainTextEdit(this)),
      m_placeholders(new QLabel(this)), m_preview(new QLabel(this)), m_segments(new QLabel(this))
{
    setObjectName(QStringLiteral("templatesPage"));
    m_picker->setObjectName(QStringLiteral("templatePicker"));
    m_picker->setAccessibleName(tr("Template"));
    m_editor->setObjectName(QStringLiteral("templateEditor"));
    m_editor->setAccessibleName(tr("Template text"));
    m_editor->setTabChangesFocus(true);
    QStringList names;
    for (const std::string_view name : domain::knownPlaceholders()) {
        names.append(
            QStringLiteral("{{%1}}").arg(QString::fromLatin1(name.data(), static_cast<int>(name.size()))));
    }
    m_placeholders->setText(tr("Placeholders: %1").arg(names.join(QStringLiteral(", "))));
    m_placeholders->setWordWrap(true);
    m_placeholders->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setObjectName(QStringLiteral("templatePreview"));
    m_preview->setAccessibleName(tr("Preview with a sample lead"));
    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::PlainText);
    m_preview->setFrameShape(QFrame::StyledPanel);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_segments->setObjectName(QStringLiteral("templateSegments"));
    m_segments->setAccessibleName(tr("Segment count"));
    m_segments->setForegroundRole(QPalette::PlaceholderText);

    auto* form = new QFormLayout;
    form->addRow(tr("&Choose template"), m_picker);
    form->addRow(tr("Te&xt"), m_editor);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_placeholders);
    layout->addWidget(new QLabel(tr("Preview:"), this));
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_segments);

    connect(m_picker, &QComboBox::currentIndexChanged, this, &SettingsTemplatesPage::showTemplate);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &SettingsTemplatesPage::textEdited);
}

void SettingsTemplatesPage::load(const store::OrgSettingsRecord& settings, domain::TemplateValues sample)
{
    m_sample = std::move(sample);
    m_loaded = settings.templates;
    for (const std::string_view name : domain::AutomationTemplateNames) {
        m_loaded.try_emplace(std::string(name), std::string(domain::defaultTemplateText(name)));
    }
    m_texts = m_loaded;
    const QSignalBlocker blocker(m_picker);
    m_picker->clear();
    for (const auto& [name, text] : m_loaded) {
        m_picker->addItem(Composer::templateLabel(QString::fromStdString(name)),
                          QString::fromStdString(name));
    }
    m_shown.clear();
    const int first = m_picker->findData(QString::fromLatin1(
        domain::TemplateName::TextBack.data(), static_cast<int>(domain::TemplateName::TextBack.size())));
    m_picker->setCurrentIndex(qMax(first, 0));
    showTemplate(m_picker->currentIndex());
}

void SettingsTemplatesPage::showTemplate(int index)
{
    m_shown = m_picker->itemData(index).toString();
    const auto found = m_texts.find(m_shown.toStdString());
    m_editor->setPlainText(found == m_texts.end() ? QString() : QString::fromStdString(found->second));
}

void SettingsTemplatesPage::textEdited()
{
    const QString text = m_editor->toPlainText();
    if (!m_shown.isEmpty()) {
        m_texts[m_shown.toStdString()] = text.toStdString();
    }
    const auto parsed = domain::MessageTemplate::parse(text.toStdString());
    if (!parsed) {
        m_preview->setText(
            tr("Cannot be sent as written: %1").arg(QString::fromStdString(parsed.error().message)));
        m_segments->setText(Composer::segmentLabel(text));
        return;
    }
    const QString rendered = Composer::renderTemplate(text, m_sample);
    m_preview->setText(rendered);
    m_segments->setText(Composer::segmentLabel(rendered));
}

void SettingsTemplatesPage::collectChanges(protocol::SettingsChange* change) const
{
    for (const auto& [name, text] : m_texts) {
        const auto loaded = m_loaded.find(name);
        if (loaded == m_loaded.end() || loaded->second != text) {
            change->templates.insert_or_assign(name, text);
        }
    }
}

QWidget* SettingsTemplatesPage::widgetFor(const QString& field)
{
    if (!field.startsWith(QLatin1String("templates"))) {
        return nullptr;
    }
    const int index = m_picker->findData(field.mid(10));
    if (index >= 0) {
        m_picker->setCurrentIndex(index);
    }
    return m_editor;
}

} // namespace callsnare::ui
