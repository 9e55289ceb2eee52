#pragma once

#include <QIcon>

namespace callsnare::ui {

// CallSnare's mark (resources/icons): the window's, the tray's and the
// dialogs' icon, with a pixmap for each size a desktop asks for.
class AppIcon {
public:
    static QIcon icon();
};

} // namespace callsnare::ui
