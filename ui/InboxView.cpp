#include "ui/InboxView.h"

#include "store/OrganizationRepository.h"
#include "ui/InboxCounter.h"
#include "ui/InboxFilterBar.h"
#include "ui/InboxItemDelegate.h"
#include "ui/InboxModel.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLoggingCategory>
#include <QShortcut>
#include <QStackedLayout>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace callsnare::ui {

namespace {

Q_LOGGING_CATEGORY(lcInbox, "callsnare.ui.inbox")

// Long enough to skip the keystrokes of a word, short enough to feel live.
constexpr int kSearchDelayMs = 250;
// Ages are shown in minutes: a tick every 30 s keeps them at most half a minute late.
constexpr int kAgeTickMs = 30 * 1000;
// How far selectLead() pages through a filtered list before going back to "All".
constexpr int kSelectSearchRows = 5000;

} // namespace

InboxView::InboxView(QSqlDatabase db, QString orgId, QWidget* parent)
    : QWidget(parent), m_db(std::move(db)), m_orgId(std::move(orgId)),
      m_model(new InboxModel(m_db, m_orgId, this)), m_filters(new InboxFilterBar(this)),
      m_counter(new InboxCounter(m_db, m_orgId, this)), m_search(new QLineEdit(this)),
      m_list(new QListView(this)), m_empty(new QLabel(this)), m_stack(new QStackedLayout),
      m_searchDelay(new QTimer(this)), m_ageTicker(new QTimer(this))
{
    setObjectName(QStringLiteral("inboxView"));
    setAccessibleName(tr("Inbox"));

    QString error;
    const auto org = store::OrganizationRepository(m_db).find(m_orgId, &error);
    if (org && !org->timeZone.empty()) {
        m_model->setTimeZone(QTimeZone(QByteArray::fromStdString(org->timeZone)));
    } else if (!error.isEmpty()) {
        qCWarning(lcInbox) << "organization not readable:" << error;
    }

    m_search->setObjectName(QStringLiteral("inboxSearch"));
    m_search->setPlaceholderText(tr("Search names, numbers, texts and notes (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search leads"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);

    m_list->setObjectName(QStringLiteral("inboxList"));
    m_list->setAccessibleName(tr("Leads"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(new InboxItemDelegate(m_list));
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_empty->setObjectName(QStringLiteral("inboxEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    m_stack->addWidget(m_list);
    m_stack->addWidget(m_empty);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_filters);
    layout->addWidget(m_search);
    layout->addLayout(m_stack, 1);

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(kSearchDelayMs);
    connect(m_searchDelay, &QTimer::timeout, this, &InboxView::applySearch);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));

    m_ageTicker->setInterval(kAgeTickMs);
    connect(m_ageTicker, &QTimer::timeout, m_list->viewport(), qOverload<>(&QWidget::update));
    m_ageTicker->start();

    connect(m_filters, &InboxFilterBar::filterChanged, this, [this](store::InboxFilter filter) {
        const QString current = currentLeadId();
        m_model->setFilter(filter);
        restoreSelection(current);
        updateEmptyState();
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { onCurrentChanged(current); });
    // A click or an arrow key moves the current row (and opens the lead
    // through currentChanged); Enter on the current row opens it again.
    connect(m_list, &QListView::activated, this,
            [this](const QModelIndex& index) { activate(m_model->leadIdAt(index.row())); });
    connect(m_counter, &InboxCounter::countsReady, m_filters, &InboxFilterBar::setCounts);
    connect(m_counter, &InboxCounter::failed, this,
            [](const QString& message) { qCWarning(lcInbox) << "counts not readable:" << message; });
    connect(m_model, &InboxModel::loadFailed, this,
            [](const QString& message) { qCWarning(lcInbox) << "inbox not readable:" << message; });

    auto* find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WindowShortcut);
    connect(find, &QShortcut::activated, this, &InboxView::focusSearch);

    m_model->refresh();
    updateEmptyState();
    // The per-state counts read the whole state index (most of a second on a
    // cold 100k-lead profile): the counter reads it in steps between paints.
    updateCounts();
    setFocusProxy(m_list);
}

store::InboxFilter InboxView::filter() const
{
    return m_model->filter();
}

void InboxView::setFilter(store::InboxFilter filter)
{
    m_filters->setFilter(filter);
}

void InboxView::setSearchText(const QString& text)
{
    m_search->setText(text);
    applySearch();
}

void InboxView::setClock(Clock clock)
{
    m_model->setClock(std::move(clock));
    // "Today" and the attention tiers (the last days) are measured from it.
    refresh();
}

void InboxView::setResponseTarget(std::chrono::minutes target)
{
    m_model->setResponseTarget(target);
}

void InboxView::setBusinessHours(domain::BusinessHours hours)
{
    m_model->setBusinessHours(std::move(hours));
}

QString InboxView::currentLeadId() const
{
    return m_model->leadIdAt(m_list->currentIndex().row());
}

void InboxView::refresh()
{
    const QString current = currentLeadId();
    m_model->refresh();
    restoreSelection(current);
    updateCounts();
    updateEmptyState();
}

void InboxView::selectLead(const QString& leadId)
{
    int row = m_model->loadUntil(leadId, kSelectSearchRows);
    if (row < 0 && (m_model->filter() != store::InboxFilter::All || !m_model->searchText().isEmpty())) {
        // Not in this view: show every lead, newest first, where it is far
        // more likely to be near the top (a tray notification is about a new lead).
        const QSignalBlocker blocker(m_search);
        m_search->clear();
        m_model->setSearchText({});
        m_filters->setFilter(store::InboxFilter::All);
        row = m_model->loadUntil(leadId, kSelectSearchRows);
    }
    m_restoring = true;
    if (row >= 0) {
        m_list->setCurrentIndex(m_model->index(row));
        m_list->scrollTo(m_model->index(row));
    } else {
        m_list->clearSelection();
    }
    m_restoring = false;
    updateEmptyState();
    activate(leadId);
}

void InboxView::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

bool InboxView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (m_searchDelay->isActive()) {
                applySearch();
            }
            m_list->setFocus(Qt::TabFocusReason);
            if (!m_list->currentIndex().isValid() && m_model->rowCount() > 0) {
                m_list->setCurrentIndex(m_model->index(0));
            }
            return true;
        }
        if (key->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
            m_search->clear();
            applySearch();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void InboxView::applySearch()
{
    m_searchDelay->stop();
    const QString current = currentLeadId();
    m_model->setSearchText(m_search->text());
    restoreSelection(current);
    updateEmptyState();
}

void InboxView::updateCounts()
{
    m_counter->start();
}

void InboxView::updateEmptyState()
{
    if (m_model->rowCount() > 0) {
        m_stack->setCurrentWidget(m_list);
        return;
    }
    if (!m_model->lastError().isEmpty()) {
        m_empty->setText(tr("The inbox could not be read: %1").arg(m_model->lastError()));
    } else if (!m_model->searchText().trimmed().isEmpty()) {
        m_empty->setText(tr("No leads match \u201c%1\u201d.").arg(m_model->searchText().trimmed()));
    } else if (m_model->filter() == store::InboxFilter::All) {
        m_empty->setText(tr("No leads yet. Missed calls show up here as soon as they are synced."));
    } else {
        m_empty->setText(
            tr("No leads in \u201c%1\u201d.").arg(InboxFilterBar::filterName(m_model->filter())));
    }
    m_stack->setCurrentWidget(m_empty);
}

void InboxView::restoreSelection(const QString& leadId)
{
    const int row = leadId.isEmpty() ? -1 : m_model->rowOfLead(leadId);
    if (row < 0) {
        return;
    }
    m_restoring = true;
    m_list->setCurrentIndex(m_model->index(row));
    m_restoring = false;
}

void InboxView::onCurrentChanged(const QModelIndex& current)
{
    if (m_restoring || !current.isValid()) {
        return;
    }
    activate(m_model->leadIdAt(current.row()));
}

void InboxView::activate(const QString& leadId)
{
    if (!leadId.isEmpty()) {
        emit leadActivated(leadId);
    }
}

} // namespace callsnare::ui
