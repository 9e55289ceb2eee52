#include "ui/AppTranslations.h"

#include "ui/UiLogging.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace callsnare::ui {

bool AppTranslations::install(const QLocale& locale)
{
    auto* app = QCoreApplication::instance();
    auto* qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
    } else {
        delete qt;
    }
    auto* own = new QTranslator(app);
    // Tries callsnare_es_MX, then callsnare_es, for each of the locale's UI languages.
    if (!own->load(locale, QStringLiteral("callsnare"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete own;
        return false;
    }
    QCoreApplication::installTranslator(own);
    qCInfo(lcUi) << "translations loaded for" << locale.name();
    return true;
}

} // namespace callsnare::ui
