#pragma once

#include <QLocale>

namespace callsnare::ui {

// Puts the app's translations for a locale in place: CallSnare's own, from
// the resources (:/i18n/callsnare_<language>.qm), and Qt's for its standard
// dialogs when the system has them. English needs neither: the sources are English.
class AppTranslations {
public:
    // Returns whether CallSnare's own translation for the locale was found
    // and installed (false for English and for languages not translated yet).
    static bool install(const QLocale& locale);
};

} // namespace callsnare::ui
