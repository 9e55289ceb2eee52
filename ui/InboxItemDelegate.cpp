#include "ui/InboxItemDelegate.h"

#include "ui/InboxModel.h"
#include "ui/LeadText.h"

#include <QApplication>
#include <QPainter>

namespace callsnare::ui {

namespace {

constexpr int kPadding = 6;
constexpr int kStripe = 4;
constexpr int kSpacing = 6;

QFont boldened(QFont font)
{
    font.setBold(true);
    return font;
}

QFont smaller(QFont font)
{
    if (font.pointSizeF() > 0) {
        font.setPointSizeF(font.pointSizeF() * 0.9);
    }
    return font;
}

// Draws a rounded label ending at `right` on the line centered on `centerY`;
// returns its left edge.
int drawPill(QPainter* painter, const QFont& font, const QString& text, int right, int centerY,
             const QColor& fill, const QColor& border, const QColor& ink)
{
    const QFontMetrics metrics(font);
    const int width = metrics.horizontalAdvance(text) + 2 * kPadding;
    const int height = metrics.height() + 2;
    const QRect box(right - width, centerY - height / 2, width, height);
    painter->setPen(border);
    painter->setBrush(fill);
    painter->drawRoundedRect(box, height / 2.0, height / 2.0);
    painter->setPen(ink);
    painter->setFont(font);
    painter->drawText(box, Qt::AlignCenter, text);
    return box.left();
}

} // namespace

InboxItemDelegate::InboxItemDelegate(QObject* parent) : QStyledItemDelegate(parent)
{
}

QColor InboxItemDelegate::blend(const QColor& under, const QColor& over, double amount)
{
    const auto mix = [amount](float a, float b) {
        return static_cast<float>(static_cast<double>(a) + static_cast<double>(b - a) * amount);
    };
    QColor result;
    result.setRgbF(mix(under.redF(), over.redF()), mix(under.greenF(), over.greenF()),
                   mix(under.blueF(), over.blueF()));
    return result;
}

QColor InboxItemDelegate::stateHue(domain::LeadState state, const QPalette& palette)
{
    // Mid-saturation hues: as a tint they stay light on a light base and dark
    // on a dark one, so the palette's own text color reads on both.
    switch (state) {
    case domain::LeadState::Missed:
        return QColor(0xd6, 0x45, 0x45);
    case domain::LeadState::Texted:
        return QColor(0xc9, 0x8a, 0x00);
    case domain::LeadState::Replied:
        return QColor(0x2f, 0x7f, 0xd1);
    case domain::LeadState::Booked:
        return QColor(0x2e, 0x9d, 0x57);
    case domain::LeadState::Office:
        return QColor(0x8a, 0x5c, 0xc7);
    case domain::LeadState::Closed:
        return palette.color(QPalette::Mid);
    }
    return palette.color(QPalette::Mid);
}

QColor InboxItemDelegate::urgentColor()
{
    return QColor(0xe0, 0x3c, 0x31);
}

QColor InboxItemDelegate::overdueColor()
{
    return QColor(0xd9, 0x7a, 0x0b);
}

QSize InboxItemDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    const QFontMetrics bold(boldened(option.font));
    const QFontMetrics small(smaller(option.font));
    // The list stretches rows to its width; a narrow hint keeps it from
    // scrolling sideways.
    return {120, bold.height() + small.height() + 2 * kPadding + kSpacing / 2 + 2};
}

void InboxItemDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const
{
    QStyleOptionViewItem panel = option;
    initStyleOption(&panel, index);
    panel.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &panel, painter, widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    const QPalette& palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const QColor ink = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor quiet = blend(ink, palette.color(selected ? QPalette::Highlight : QPalette::Base), 0.35);
    const bool urgent = index.data(InboxModel::UrgentRole).toBool();
    const int unread = index.data(InboxModel::UnreadRole).toInt();
    const auto state = static_cast<domain::LeadState>(index.data(InboxModel::StateRole).toInt());
    const bool overdue = index.data(InboxModel::OverdueRole).toBool();

    if (overdue && !selected) {
        // A tint over the whole row: the overdue leads stand out while scrolling.
        painter->fillRect(option.rect, blend(palette.color(QPalette::Base), overdueColor(), 0.16));
    }
    if (urgent) {
        painter->fillRect(QRect(option.rect.left(), option.rect.top(), kStripe, option.rect.height()),
                          urgentColor());
    }
    const QRect area = option.rect.adjusted(kPadding + kStripe, kPadding, -kPadding, -kPadding);
    const QFont nameFont = unread > 0 ? boldened(option.font) : option.font;
    const QFont smallFont = smaller(option.font);
    const QFontMetrics nameMetrics(nameFont);
    const QFontMetrics smallMetrics(smallFont);
    const int firstCenter = area.top() + nameMetrics.height() / 2;

    // First line, right to left: state chip, unread badge, urgent tag, then the name.
    const QColor hue = stateHue(state, palette);
    const QColor chipFill = blend(palette.color(QPalette::Base), hue, 0.28);
    int right = drawPill(painter, smallFont, index.data(InboxModel::StateTextRole).toString(), area.right(),
                         firstCenter, chipFill, hue, palette.color(QPalette::Text));
    if (unread > 0) {
        right = drawPill(painter, boldened(smallFont), QString::number(unread), right - kSpacing, firstCenter,
                         palette.color(QPalette::Highlight), palette.color(QPalette::Highlight),
                         palette.color(QPalette::HighlightedText));
    }
    if (urgent) {
        right = drawPill(painter, boldened(smallFont), tr("Urgent"), right - kSpacing, firstCenter,
                         blend(palette.color(QPalette::Base), urgentColor(), 0.3), urgentColor(),
                         palette.color(QPalette::Text));
    }
    if (overdue) {
        right = drawPill(painter, boldened(smallFont), tr("Overdue"), right - kSpacing, firstCenter,
                         overdueColor(), overdueColor(), QColor(Qt::white));
    }
    const QRect nameRect(area.left(), area.top(), right - kSpacing - area.left(), nameMetrics.height());
    painter->setFont(nameFont);
    painter->setPen(ink);
    painter->drawText(
        nameRect, Qt::AlignLeft | Qt::AlignVCenter,
        nameMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight, nameRect.width()));

    // Second line: the latest text, and at the right how long the homeowner
    // has waited for a person (bold and in the overdue color once overdue),
    // else the age of the missed call.
    const int secondTop = area.top() + nameMetrics.height() + kSpacing / 2;
    const QString waiting = index.data(InboxModel::WaitingTextRole).toString();
    const QString age = waiting.isEmpty() ? index.data(InboxModel::AgeTextRole).toString() : waiting;
    const QFont ageFont = overdue ? boldened(smallFont) : smallFont;
    const int ageWidth = QFontMetrics(ageFont).horizontalAdvance(age);
    painter->setFont(ageFont);
    painter->setPen(overdue && !selected ? overdueColor().darker(130) : quiet);
    painter->drawText(QRect(area.right() - ageWidth, secondTop, ageWidth, smallMetrics.height()),
                      Qt::AlignRight | Qt::AlignVCenter, age);
    painter->setFont(smallFont);
    painter->setPen(quiet);
    const QRect previewRect(area.left(), secondTop, area.width() - ageWidth - kSpacing,
                            smallMetrics.height());
    QString preview = index.data(InboxModel::PreviewRole).toString();
    if (preview.isEmpty()) {
        preview = LeadText::phoneDisplay(index.data(InboxModel::PhoneRole).toString());
    }
    painter->drawText(previewRect, Qt::AlignLeft | Qt::AlignVCenter,
                      smallMetrics.elidedText(preview, Qt::ElideRight, previewRect.width()));
    painter->restore();
}

} // namespace callsnare::ui
