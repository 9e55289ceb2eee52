#include "ui/Composer.h"

#include "domain/SmsSegments.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace callsnare::ui {

Composer::Composer(QWidget* parent)
    : QWidget(parent), m_templates(new QComboBox(this)), m_edit(new QPlainTextEdit(this)),
      m_segments(new QLabel(this)), m_banner(new QLabel(this)), m_send(new QPushButton(tr("Send"), this))
{
    setObjectName(QStringLiteral("composer"));
    setAccessibleName(tr("Reply"));

    m_banner->setObjectName(QStringLiteral("optOutBanner"));
    m_banner->setWordWrap(true);
    m_banner->setAutoFillBackground(true);
    m_banner->setBackgroundRole(QPalette::ToolTipBase);
    m_banner->setForegroundRole(QPalette::ToolTipText);
    m_banner->setContentsMargins(8, 4, 8, 4);
    m_banner->setAccessibleName(tr("Why sending is disabled"));
    m_banner->hide();

    m_templates->setObjectName(QStringLiteral("templatePicker"));
    m_templates->setAccessibleName(tr("Insert a template"));
    m_templates->setToolTip(tr("Insert one of the organization's templates, filled in for this lead"));

    m_edit->setObjectName(QStringLiteral("messageEdit"));
    m_edit->setAccessibleName(tr("Text to the homeowner"));
    m_edit->setPlaceholderText(tr("Write a text (Ctrl+Return sends)"));
    m_edit->setTabChangesFocus(true);
    m_edit->setMaximumHeight(m_edit->fontMetrics().lineSpacing() * 5 + 12);
    m_edit->installEventFilter(this);

    m_segments->setObjectName(QStringLiteral("segmentCounter"));
    m_segments->setAccessibleName(tr("Segment count"));
    m_segments->setForegroundRole(QPalette::PlaceholderText);

    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setAccessibleName(tr("Send text"));
    m_send->setToolTip(tr("Send (Ctrl+Return)"));

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_templates);
    bottom->addStretch(1);
    bottom->addWidget(m_segments);
    bottom->addWidget(m_send);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(m_edit);
    layout->addLayout(bottom);

    connect(m_edit, &QPlainTextEdit::textChanged, this, &Composer::updateState);
    connect(m_send, &QPushButton::clicked, this, &Composer::requestSend);
    connect(m_templates, &QComboBox::activated, this, &Composer::insertTemplate);
    setTemplates({});
    updateState();
}

QString Composer::templateLabel(const QString& name)
{
    if (name == QLatin1String("text_back")) {
        return tr("Text back");
    }
    if (name == QLatin1String("text_back_after_hours")) {
        return tr("Text back (after hours)");
    }
    if (name == QLatin1String("booking_confirmation")) {
        return tr("Booking confirmation");
    }
    if (name == QLatin1String("booking_reminder")) {
        return tr("Booking reminder");
    }
    if (name == QLatin1String("opt_out_confirmation")) {
        return tr("Opt-out confirmation");
    }
    if (name == QLatin1String("help")) {
        return tr("Help");
    }
    QString label = name;
    label.replace(QLatin1Char('_'), QLatin1Char(' '));
    return label;
}

void Composer::setTemplates(const std::map<std::string, std::string, std::less<>>& templates)
{
    m_templates->clear();
    m_templates->addItem(tr("Templates\u2026"));
    for (const auto& [name, text] : templates) {
        const QString key = QString::fromStdString(name);
        m_templates->addItem(templateLabel(key), QString::fromStdString(text));
    }
    m_templates->setEnabled(!templates.empty());
}

void Composer::setTemplateValues(domain::TemplateValues values)
{
    m_values = std::move(values);
}

QString Composer::renderTemplate(const QString& text, const domain::TemplateValues& values)
{
    const auto parsed = domain::MessageTemplate::parse(text.toStdString());
    if (!parsed) {
        return text;
    }
    domain::TemplateValues complete = values;
    for (const std::string& name : parsed->placeholders()) {
        complete.try_emplace(name, std::string());
    }
    const auto rendered = parsed->render(complete);
    return rendered ? QString::fromStdString(rendered.value()) : text;
}

void Composer::insertTemplate(int index)
{
    if (index <= 0) {
        return;
    }
    const QString text = renderTemplate(m_templates->itemData(index).toString(), m_values);
    m_templates->setCurrentIndex(0);
    m_edit->textCursor().insertText(text);
    m_edit->setFocus(Qt::OtherFocusReason);
}

void Composer::setBlocked(const QString& reason)
{
    m_blockedReason = reason;
    m_banner->setText(reason);
    m_banner->setVisible(!reason.isEmpty());
    updateState();
}

QString Composer::text() const
{
    return m_edit->toPlainText();
}

void Composer::setText(const QString& text)
{
    m_edit->setPlainText(text);
}

void Composer::clear()
{
    m_edit->clear();
}

QString Composer::segmentLabel(const QString& text)
{
    const domain::SmsSegmentCount count = domain::countSmsSegments(text.toStdString());
    const QString encoding = count.encoding == domain::SmsEncoding::Ucs2 ? tr("Unicode") : tr("GSM");
    const int segments = qMax(count.segments, 1);
    const QString label
        = segments == 1 ? tr("1 segment, %1 left (%2)") : tr("%n segments, %1 left (%2)", nullptr, segments);
    return label.arg(count.unitsLeftInSegment).arg(encoding);
}

void Composer::updateState()
{
    const QString text = m_edit->toPlainText();
    m_segments->setText(segmentLabel(text));
    m_send->setEnabled(!isBlocked() && !text.trimmed().isEmpty());
    m_edit->setReadOnly(isBlocked());
}

void Composer::requestSend()
{
    if (!m_send->isEnabled()) {
        return;
    }
    emit sendRequested(m_edit->toPlainText());
}

bool Composer::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && key->modifiers().testFlag(Qt::ControlModifier)) {
            requestSend();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace callsnare::ui
