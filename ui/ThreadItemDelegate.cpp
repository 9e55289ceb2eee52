#include "ui/ThreadItemDelegate.h"

#include "ui/ThreadModel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QPainter>

namespace callsnare::ui {

namespace {

constexpr int kPadding = 6;
constexpr int kGap = 2;
constexpr int kTextFlags = Qt::TextWordWrap;

QFont headerFont(QFont font)
{
    if (font.pointSizeF() > 0) {
        font.setPointSizeF(font.pointSizeF() * 0.85);
    }
    return font;
}

Qt::Alignment horizontal(const QModelIndex& index)
{
    const auto alignment = index.data(Qt::TextAlignmentRole).value<Qt::Alignment>();
    return alignment & Qt::AlignHorizontal_Mask;
}

} // namespace

ThreadItemDelegate::ThreadItemDelegate(QObject* parent) : QStyledItemDelegate(parent)
{
}

int ThreadItemDelegate::textWidth(const QStyleOptionViewItem& option) const
{
    // The width rows are painted at: the view's viewport, not a cached rect.
    int width = option.rect.width();
    if (const auto* view = qobject_cast<const QAbstractItemView*>(option.widget)) {
        width = view->viewport()->width();
    }
    return qMax(80, width - 2 * kPadding - 8);
}

QSize ThreadItemDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const int width = textWidth(option);
    const QFontMetrics header(headerFont(option.font));
    const QFontMetrics body(option.font);
    const QRect headerBox = header.boundingRect(QRect(0, 0, width, 100000), kTextFlags,
                                                index.data(ThreadModel::HeaderRole).toString());
    const QRect bodyBox = body.boundingRect(QRect(0, 0, width, 100000), kTextFlags,
                                            index.data(ThreadModel::BodyRole).toString());
    return {width, headerBox.height() + kGap + bodyBox.height() + 2 * kPadding};
}

void ThreadItemDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                               const QModelIndex& index) const
{
    painter->save();
    const QPalette& palette = option.palette;
    const QRect box = option.rect.adjusted(2, 0, -2, 0);
    const QVariant background = index.data(Qt::BackgroundRole);
    if (background.canConvert<QBrush>()) {
        painter->setRenderHint(QPainter::Antialiasing, true);
        painter->setPen(Qt::NoPen);
        painter->setBrush(background.value<QBrush>());
        painter->drawRoundedRect(box, 6, 6);
    }
    if (option.state & QStyle::State_HasFocus && option.state & QStyle::State_Selected) {
        painter->setPen(QPen(palette.color(QPalette::Highlight), 1));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(box.adjusted(0, 0, -1, -1), 6, 6);
    }
    const Qt::Alignment side = horizontal(index);
    const QRect text = box.adjusted(kPadding, kPadding, -kPadding, -kPadding);
    const QFont smallFont = headerFont(option.font);
    const QFontMetrics header(smallFont);
    const QString headerText = index.data(ThreadModel::HeaderRole).toString();
    const QRect headerBox = header.boundingRect(QRect(0, 0, text.width(), 100000), kTextFlags, headerText);

    const QVariant foreground = index.data(Qt::ForegroundRole);
    const QColor ink = foreground.canConvert<QBrush>() ? foreground.value<QBrush>().color()
                                                       : palette.color(QPalette::Text);
    painter->setFont(smallFont);
    painter->setPen(palette.color(QPalette::PlaceholderText));
    painter->drawText(QRect(text.left(), text.top(), text.width(), headerBox.height()),
                      static_cast<int>(side) | kTextFlags, headerText);
    painter->setFont(option.font);
    painter->setPen(ink);
    painter->drawText(QRect(text.left(), text.top() + headerBox.height() + kGap, text.width(),
                            text.height() - headerBox.height() - kGap),
                      static_cast<int>(side) | kTextFlags, index.data(ThreadModel::BodyRole).toString());
    painter->restore();
}

} // namespace callsnare::ui
