#pragma once

#include <QString>

namespace callsnare::ui {

// Where the desktop app keeps a user's encrypted profile: one file per user
// under the platform's application data folder, unless the command line
// (--profile PATH) or the environment (CALLSNARE_PROFILE) names another.
class ProfileLocation {
public:
    static constexpr const char* kEnvironmentVariable = "CALLSNARE_PROFILE";
    static constexpr const char* kFileName = "profile.callsnare";

    // QStandardPaths::AppDataLocation/profile.callsnare
    static QString defaultPath();
    // The flag's path when given, else the environment's, else the default;
    // always absolute.
    static QString resolve(const QString& fromCommandLine);
    // Makes the folder that will hold `path`; false with a sentence in `error`.
    static bool prepareFolder(const QString& path, QString* error);
};

} // namespace callsnare::ui
