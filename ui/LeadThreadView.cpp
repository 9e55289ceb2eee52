#include "ui/LeadThreadView.h"

#include "store/BookingRepository.h"
#include "store/ContactRepository.h"
#include "store/LeadRepository.h"
#include "store/OrganizationRepository.h"
#include "ui/Composer.h"
#include "ui/LeadText.h"
#include "ui/ThreadItemDelegate.h"
#include "ui/ThreadModel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QStackedLayout>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

namespace callsnare::ui {

namespace {

QString optOutReason(const domain::OptOutState& state, const QTimeZone& zone)
{
    const QString when = state.changedAt ? LeadText::dateTime(*state.changedAt, zone) : QString();
    QString how;
    switch (state.source.value_or(domain::ConsentSource::Dispatcher)) {
    case domain::ConsentSource::Keyword:
        how = LeadThreadView::tr("texted STOP");
        break;
    case domain::ConsentSource::CarrierError:
        how = LeadThreadView::tr("the carrier reports the number as unsubscribed");
        break;
    case domain::ConsentSource::Dispatcher:
        how = LeadThreadView::tr("the office recorded it");
        break;
    case domain::ConsentSource::Import:
        how = LeadThreadView::tr("imported from another system");
        break;
    }
    const QString since = when.isEmpty() ? how : LeadThreadView::tr("%1, %2").arg(how, when);
    return LeadThreadView::tr("This homeowner opted out of texts (%1). Sending is disabled until they text "
                              "START.")
        .arg(since);
}

} // namespace

LeadThreadView::LeadThreadView(QSqlDatabase db, QString orgId, QString dispatcherName, QWidget* parent)
    : QWidget(parent), m_db(std::move(db)), m_orgId(std::move(orgId)),
      m_actions(m_db, m_orgId, std::move(dispatcherName)), m_thread(new ThreadModel(m_db, m_orgId, this)),
      m_stack(new QStackedLayout(this)), m_page(new QWidget(this)),
      m_placeholder(new QLabel(tr("Select a lead to see its thread."), this)), m_title(new QLabel(m_page)),
      m_subtitle(new QLabel(m_page)), m_takeOver(new QToolButton(m_page)), m_office(new QToolButton(m_page)),
      m_close(new QToolButton(m_page)), m_error(new QLabel(m_page)), m_timeline(new QListView(m_page)),
      m_noteEdit(new QLineEdit(m_page)), m_addNote(new QPushButton(tr("Add note"), m_page)),
      m_composer(new Composer(m_page))
{
    setObjectName(QStringLiteral("leadThreadView"));
    setAccessibleName(tr("Lead thread"));

    QString error;
    const auto org = store::OrganizationRepository(m_db).find(m_orgId, &error);
    if (org && !org->timeZone.empty()) {
        m_zone = QTimeZone(QByteArray::fromStdString(org->timeZone));
        m_thread->setTimeZone(m_zone);
    }

    m_placeholder->setObjectName(QStringLiteral("threadPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);

    m_title->setObjectName(QStringLiteral("leadTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    if (titleFont.pointSizeF() > 0) {
        titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    }
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setObjectName(QStringLiteral("leadSubtitle"));
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_error->setObjectName(QStringLiteral("actionError"));
    m_error->setWordWrap(true);
    m_error->setAutoFillBackground(true);
    m_error->setBackgroundRole(QPalette::ToolTipBase);
    m_error->setForegroundRole(QPalette::ToolTipText);
    m_error->setContentsMargins(8, 4, 8, 4);
    m_error->hide();

    m_timeline->setObjectName(QStringLiteral("threadTimeline"));
    m_timeline->setAccessibleName(tr("Timeline"));
    m_timeline->setModel(m_thread);
    m_timeline->setItemDelegate(new ThreadItemDelegate(m_timeline));
    m_timeline->setUniformItemSizes(false);
    m_timeline->setResizeMode(QListView::Adjust);
    m_timeline->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_timeline->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_timeline->setSpacing(3);
    // A scroll bar that comes and goes would change the width the wrapped
    // rows were measured at.
    m_timeline->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    m_timeline->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_noteEdit->setObjectName(QStringLiteral("noteEdit"));
    m_noteEdit->setAccessibleName(tr("Note for the team"));
    m_noteEdit->setPlaceholderText(tr("Add a note for the team (Enter adds it)"));
    m_addNote->setObjectName(QStringLiteral("addNoteButton"));
    m_addNote->setAccessibleName(tr("Add note"));

    buildActions();

    auto* header = new QHBoxLayout;
    auto* names = new QVBoxLayout;
    names->addWidget(m_title);
    names->addWidget(m_subtitle);
    header->addLayout(names, 1);
    header->addWidget(m_takeOver);
    header->addWidget(m_office);
    header->addWidget(m_close);
    auto* noteRow = new QHBoxLayout;
    noteRow->addWidget(m_noteEdit, 1);
    noteRow->addWidget(m_addNote);
    auto* layout = new QVBoxLayout(m_page);
    layout->addLayout(header);
    layout->addWidget(m_error);
    layout->addWidget(m_timeline, 1);
    layout->addLayout(noteRow);
    layout->addWidget(m_composer);

    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_page);
    m_stack->setCurrentWidget(m_placeholder);

    connect(m_composer, &Composer::sendRequested, this, &LeadThreadView::send);
    connect(m_addNote, &QPushButton::clicked, this, &LeadThreadView::addNote);
    connect(m_noteEdit, &QLineEdit::returnPressed, this, &LeadThreadView::addNote);
    connect(m_noteEdit, &QLineEdit::textChanged, this,
            [this](const QString& text) { m_addNote->setEnabled(!text.trimmed().isEmpty()); });
    m_addNote->setEnabled(false);
}

void LeadThreadView::buildActions()
{
    m_takeOver->setObjectName(QStringLiteral("takeOverButton"));
    m_takeOver->setCheckable(true);
    m_takeOver->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_takeOver, &QToolButton::clicked, this, &LeadThreadView::toggleTakeOver);

    m_office->setObjectName(QStringLiteral("handToOfficeButton"));
    m_office->setText(tr("Hand to office"));
    m_office->setAccessibleName(tr("Hand the lead to the office"));
    m_office->setToolTip(tr("The office takes the lead from here"));
    connect(m_office, &QToolButton::clicked, this, &LeadThreadView::handToOffice);

    m_close->setObjectName(QStringLiteral("closeButton"));
    m_close->setText(tr("Close"));
    m_close->setAccessibleName(tr("Close the lead with an outcome"));
    m_close->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(m_close);
    menu->setObjectName(QStringLiteral("closeMenu"));
    const std::pair<domain::CloseOutcome, const char*> outcomes[] = {
        {domain::CloseOutcome::Won, "closeWon"},
        {domain::CloseOutcome::Lost, "closeLost"},
        {domain::CloseOutcome::Spam, "closeSpam"},
        {domain::CloseOutcome::Duplicate, "closeDuplicate"},
    };
    for (const auto& [outcome, name] : outcomes) {
        QAction* action = menu->addAction(LeadText::outcomeName(outcome));
        action->setObjectName(QString::fromLatin1(name));
        connect(action, &QAction::triggered, this, [this, o = outcome] { closeWith(o); });
    }
    m_close->setMenu(menu);
}

QString LeadThreadView::lastError() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void LeadThreadView::showLead(const QString& leadId)
{
    if (leadId != m_leadId) {
        m_composer->clear();
        m_noteEdit->clear();
    }
    m_leadId = leadId;
    m_error->hide();
    m_error->clear();
    load();
}

void LeadThreadView::refresh()
{
    load();
}

void LeadThreadView::load()
{
    if (m_leadId.isEmpty()) {
        m_thread->clear();
        m_stack->setCurrentWidget(m_placeholder);
        return;
    }
    QString error;
    store::LeadRepository leads(m_db, m_orgId);
    const auto record = leads.find(m_leadId, &error);
    if (!record) {
        m_thread->clear();
        m_placeholder->setText(error.isEmpty() ? tr("This lead is not in the inbox.")
                                               : tr("The lead could not be read: %1").arg(error));
        m_stack->setCurrentWidget(m_placeholder);
        return;
    }
    const domain::Lead& lead = record->lead;
    const auto contact
        = store::ContactRepository(m_db, m_orgId).find(QString::fromStdString(lead.contactId), &error);
    const QString phone
        = contact ? LeadText::phoneDisplay(QString::fromStdString(contact->phone.e164())) : QString();
    const QString name = contact ? QString::fromStdString(contact->name) : QString();
    m_title->setText(name.isEmpty() ? phone : name);
    QString state = LeadText::stateName(lead.state);
    if (lead.outcome) {
        state = tr("%1 (%2)").arg(state, LeadText::outcomeName(*lead.outcome));
    }
    m_automationPaused = lead.automationPaused;
    const QString automation = lead.automationPaused ? tr("automation paused") : tr("automation on");
    m_subtitle->setText(name.isEmpty() ? tr("%1 \u00b7 %2").arg(state, automation)
                                       : tr("%1 \u00b7 %2 \u00b7 %3").arg(phone, state, automation));

    m_takeOver->setChecked(lead.automationPaused);
    m_takeOver->setText(lead.automationPaused ? tr("Release") : tr("Take over"));
    m_takeOver->setAccessibleName(lead.automationPaused ? tr("Release the lead to the automation")
                                                        : tr("Take over the lead from the automation"));
    m_takeOver->setToolTip(lead.automationPaused
                               ? tr("Let the automation text this homeowner again")
                               : tr("Pause the automation on this lead and answer yourself"));
    m_takeOver->setEnabled(lead.isOpen());
    m_office->setEnabled(lead.isOpen() && domain::isAllowedTransition(lead.state, domain::LeadState::Office));
    m_close->setEnabled(lead.isOpen());

    // The composer: templates filled from the lead, blocked when opted out.
    const auto org = store::OrganizationRepository(m_db).find(m_orgId, &error);
    domain::TemplateValues values;
    if (org) {
        m_composer->setTemplates(org->templates);
        values["company"] = org->name;
        values["office_phone"] = org->officeNumber ? org->officeNumber->display() : std::string();
    }
    values["first_name"] = contact ? contact->firstName() : std::string();
    std::vector<domain::Booking> bookings;
    if (store::BookingRepository(m_db, m_orgId).forLead(m_leadId, &bookings, &error)) {
        for (const domain::Booking& booking : bookings) {
            if (booking.status != domain::BookingStatus::Scheduled) {
                continue;
            }
            const QDateTime starts
                = QDateTime::fromSecsSinceEpoch(booking.startsAt.time_since_epoch().count(), m_zone);
            values["booking_time"] = QLocale().toString(starts.time(), QLocale::ShortFormat).toStdString();
            values["booking_date"] = QLocale().toString(starts.date(), QLocale::LongFormat).toStdString();
            values["technician"] = booking.technician;
            values["address"] = booking.address;
        }
    }
    m_composer->setTemplateValues(values);
    m_composer->setBlocked(contact && contact->optOut.optedOut ? optOutReason(contact->optOut, m_zone)
                                                               : QString());

    if (!m_thread->load(m_leadId, &error)) {
        showError(tr("The thread could not be read: %1").arg(error));
    }
    m_timeline->scrollToBottom();
    m_stack->setCurrentWidget(m_page);

    if (record->unreadCount > 0) {
        // Shown is read: the inbox's badge goes away.
        // Told after this event: the inbox may be inside its own selection
        // signal when it asked for this lead, and a refresh resets its model.
        if (leads.markRead(m_leadId, &error)) {
            QMetaObject::invokeMethod(
                this, [this, id = m_leadId] { emit leadChanged(id); }, Qt::QueuedConnection);
        }
    }
}

void LeadThreadView::showError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

bool LeadThreadView::act(const std::function<bool(QString*)>& action)
{
    if (m_leadId.isEmpty()) {
        return false;
    }
    QString error;
    if (!action(&error)) {
        showError(error);
        load();
        return false;
    }
    showError({});
    emit outboxChanged();
    emit leadChanged(m_leadId);
    load();
    return true;
}

void LeadThreadView::send(const QString& body)
{
    if (act([&](QString* error) { return m_actions.sendMessage(m_leadId, body, now(), nullptr, error); })) {
        m_composer->clear();
    }
}

void LeadThreadView::addNote()
{
    const QString body = m_noteEdit->text();
    if (body.trimmed().isEmpty()) {
        return;
    }
    if (act([&](QString* error) { return m_actions.addNote(m_leadId, body, now(), nullptr, error); })) {
        m_noteEdit->clear();
    }
}

void LeadThreadView::toggleTakeOver()
{
    const bool pause = !m_automationPaused;
    act([&](QString* error) {
        return pause ? m_actions.takeOver(m_leadId, now(), error) : m_actions.release(m_leadId, now(), error);
    });
}

void LeadThreadView::handToOffice()
{
    act([&](QString* error) {
        return m_actions.setState(m_leadId, domain::LeadState::Office, std::nullopt, now(), error);
    });
}

void LeadThreadView::closeWith(domain::CloseOutcome outcome)
{
    act([&](QString* error) {
        return m_actions.setState(m_leadId, domain::LeadState::Closed, outcome, now(), error);
    });
}

} // namespace callsnare::ui
