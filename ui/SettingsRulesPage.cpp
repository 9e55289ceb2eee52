#include "ui/SettingsRulesPage.h"

#include "ui/DialogParts.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace callsnare::ui {

namespace {

constexpr int kKeyRole = Qt::UserRole;
constexpr int kTextRole = Qt::UserRole + 1;

QPushButton* button(const QString& text, const QString& objectName, const QString& accessibleName,
                    QWidget* parent)
{
    auto* made = new QPushButton(text, parent);
    made->setObjectName(objectName);
    made->setAccessibleName(accessibleName);
    return made;
}

void showQuestion(QListWidgetItem* item, const domain::IntakeQuestion& question)
{
    item->setData(kKeyRole, QString::fromStdString(question.key));
    item->setData(kTextRole, QString::fromStdString(question.text));
    item->setText(QStringLiteral("%1 — %2").arg(QString::fromStdString(question.key),
                                                QString::fromStdString(question.text)));
}

} // namespace

SettingsRulesPage::SettingsRulesPage(QWidget* parent)
    : QWidget(parent), m_list(new QListWidget(this)), m_key(new QLineEdit(this)), m_text(new QLineEdit(this)),
      m_add(button(tr("&Add question"), QStringLiteral("addQuestion"), tr("Add question"), this)),
      m_update(button(tr("&Save question"), QStringLiteral("updateQuestion"),
                      tr("Save the selected question"), this)),
      m_remove(button(tr("R&emove question"), QStringLiteral("removeQuestion"),
                      tr("Remove the selected question"), this)),
      m_up(button(tr("Move &up"), QStringLiteral("moveQuestionUp"), tr("Ask the selected question earlier"),
                  this)),
      m_down(button(tr("Move do&wn"), QStringLiteral("moveQuestionDown"),
                    tr("Ask the selected question later"), this))
{
    setObjectName(QStringLiteral("rulesPage"));
    m_list->setObjectName(QStringLiteral("questionList"));
    m_list->setAccessibleName(tr("Intake questions, in the order they are asked"));
    m_key->setObjectName(QStringLiteral("questionKey"));
    m_key->setAccessibleName(tr("Question key"));
    m_key->setPlaceholderText(tr("address"));
    m_text->setObjectName(QStringLiteral("questionText"));
    m_text->setAccessibleName(tr("Question text"));
    m_text->setPlaceholderText(tr("What is the service address?"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Key"), m_key);
    form->addRow(tr("&Question"), m_text);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* each : {m_add, m_update, m_remove, m_up, m_down}) {
        buttons->addWidget(each);
    }
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addLayout(form);
    layout->addLayout(buttons);

    connect(m_list, &QListWidget::currentRowChanged, this, &SettingsRulesPage::selectionChanged);
    connect(m_add, &QPushButton::clicked, this, [this] {
        addQuestion({m_key->text().trimmed().toStdString(), m_text->text().trimmed().toStdString()});
    });
    connect(m_update, &QPushButton::clicked, this, [this] {
        if (auto* item = m_list->currentItem()) {
            showQuestion(item,
                         {m_key->text().trimmed().toStdString(), m_text->text().trimmed().toStdString()});
        }
    });
    connect(m_remove, &QPushButton::clicked, this, [this] { delete m_list->currentItem(); });
    connect(m_up, &QPushButton::clicked, this, [this] { move(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { move(1); });
    selectionChanged();
}

void SettingsRulesPage::load(const store::OrgSettingsRecord& settings)
{
    m_loaded = settings.intakeQuestions;
    m_list->clear();
    for (const auto& question : m_loaded) {
        addQuestion(question);
    }
    m_list->setCurrentRow(m_list->count() > 0 ? 0 : -1);
}

void SettingsRulesPage::addQuestion(const domain::IntakeQuestion& question)
{
    auto* item = new QListWidgetItem(m_list);
    showQuestion(item, question);
    m_list->setCurrentItem(item);
}

void SettingsRulesPage::selectionChanged()
{
    const int row = m_list->currentRow();
    if (const auto* item = m_list->currentItem()) {
        m_key->setText(item->data(kKeyRole).toString());
        m_text->setText(item->data(kTextRole).toString());
    }
    m_update->setEnabled(row >= 0);
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_list->count());
}

void SettingsRulesPage::move(int by)
{
    const int row = m_list->currentRow();
    const int to = row + by;
    if (row < 0 || to < 0 || to >= m_list->count()) {
        return;
    }
    QListWidgetItem* item = m_list->takeItem(row);
    m_list->insertItem(to, item);
    m_list->setCurrentRow(to);
}

std::vector<domain::IntakeQuestion> SettingsRulesPage::questions() const
{
    std::vector<domain::IntakeQuestion> list;
    for (int row = 0; row < m_list->count(); ++row) {
        const QListWidgetItem* item = m_list->item(row);
        list.push_back(
            {item->data(kKeyRole).toString().toStdString(), item->data(kTextRole).toString().toStdString()});
    }
    return list;
}

void SettingsRulesPage::collectChanges(protocol::SettingsChange* change) const
{
    if (auto list = questions(); list != m_loaded) {
        change->intakeQuestions = std::move(list);
    }
}

QWidget* SettingsRulesPage::widgetFor(const QString& field) const
{
    if (!field.startsWith(QLatin1String("intake_questions"))) {
        return nullptr;
    }
    const int row = fieldIndex(field);
    if (row < 0) {
        return m_list;
    }
    m_list->setCurrentRow(row);
    return field.endsWith(QLatin1String(".key")) ? m_key : m_text;
}

} // namespace callsnare::ui
