// The dispatcher's cold start (issue 7): an encrypted profile with N demo
// leads (DemoImport, as `callsnare-cli db import-demo`) is opened with its
// passphrase and an InboxView is built and shown until its first page is on
// screen; then the list is scrolled through 40 pages. The baseline in the
// same run is the store's own first page (InboxQuery::page), read after the
// view on the then warm profile, so the ratio says what the widgets and a
// cold cache cost on top of the query. The
// cold start runs in a second process (this binary with --measure), so the
// import's memory is not counted.
// Resident memory comes from /proc/self/status (VmRSS). It prints figures and
// never fails on timing.
//
//   bench_inbox [--leads N]   (default 100000; targets: first page <= 1 s, VmRSS <= 250 MB)

#include "store/DemoImport.h"
#include "store/InboxQuery.h"
#include "store/Profile.h"
#include "ui/InboxModel.h"
#include "ui/InboxView.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QListView>
#include <QLoggingCategory>
#include <QProcess>
#include <QScrollBar>
#include <QTemporaryDir>

#include <cstdio>

using namespace callsnare;

namespace {

constexpr double kTargetMs = 1000;
constexpr double kTargetRssMb = 250;
constexpr int kScrollPages = 40;

double residentMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
        }
    }
    return -1;
}

double msSince(const QElapsedTimer& timer)
{
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

// The cold start, in a process of its own so the import's page cache and
// heap do not count in its resident memory.
int measure(const QString& path, const QString& orgId, const QString& passphrase)
{
    QString error;
    const double rssBeforeOpen = residentMb();
    QElapsedTimer total;
    total.start();
    auto profile = store::Profile::open(path, passphrase, store::Profile::Access::ReadWrite, &error);
    if (!profile) {
        std::fprintf(stderr, "open: %s\n", qPrintable(error));
        return 1;
    }
    const double openMs = msSince(total);

    QElapsedTimer viewTimer;
    viewTimer.start();
    ui::InboxView view(profile->database(), orgId);
    view.resize(420, 900);
    view.show();
    // Painted synchronously: the first page is on screen when repaint() returns.
    view.listView()->viewport()->repaint();
    const double viewMs = msSince(viewTimer);
    const double coldMs = msSince(total);
    const double rssShown = residentMb();

    // The events after the first paint: exposure, and the chips' counts,
    // which the view reads right after its first page is shown.
    QElapsedTimer countsShown;
    countsShown.start();
    QCoreApplication::processEvents();
    const double deferredCountsMs = msSince(countsShown);

    // Baseline, on the now warm profile: the store's first page alone.
    QElapsedTimer baseline;
    baseline.start();
    QVector<store::InboxRow> rows;
    if (!store::InboxQuery(profile->database(), orgId).page({}, &rows, &error)) {
        std::fprintf(stderr, "page: %s\n", qPrintable(error));
        return 1;
    }
    const double pageMs = msSince(baseline);
    QElapsedTimer countsTimer;
    countsTimer.start();
    store::InboxCounts counts;
    if (!store::InboxQuery(profile->database(), orgId).countsByState(&counts, &error)) {
        std::fprintf(stderr, "counts: %s\n", qPrintable(error));
        return 1;
    }
    const double countsMs = msSince(countsTimer);

    QElapsedTimer scrollTimer;
    scrollTimer.start();
    QScrollBar* bar = view.listView()->verticalScrollBar();
    for (int page = 0; page < kScrollPages && view.model()->canFetchMore({}); ++page) {
        bar->setValue(bar->maximum());
        QCoreApplication::processEvents();
        view.listView()->viewport()->repaint();
    }
    const double scrollMs = msSince(scrollTimer);
    const double rssScrolled = residentMb();

    std::printf("leads: %d, rows shown: %d first, %d after scrolling\n", counts.total,
                view.model()->pageSize(), view.model()->rowCount());
    std::printf("open profile (key derivation, schema check): %.1f ms\n", openMs);
    std::printf("InboxView built and first page painted: %.1f ms (%.1fx the baseline page)\n", viewMs,
                pageMs > 0 ? viewMs / pageMs : 0.0);
    std::printf("cold start to interactive inbox: %.1f ms (target <= %.0f ms)\n", coldMs, kTargetMs);
    std::printf("then the next events (the filter chips' counts): %.1f ms\n", deferredCountsMs);
    std::printf("baseline, warm: InboxQuery::page (first page, store only) %.2f ms, countsByState %.2f ms\n",
                pageMs, countsMs);
    std::printf("scroll through %d pages: %.1f ms (%.2f ms per page)\n", kScrollPages, scrollMs,
                scrollMs / kScrollPages);
    std::printf("VmRSS: %.1f MB before open, %.1f MB with the inbox shown, %.1f MB after scrolling "
                "(target <= %.0f MB)\n",
                rssBeforeOpen, rssShown, rssScrolled, kTargetRssMb);
    std::fflush(stdout);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("callsnare.*.info=false"));
    const QString passphrase = QStringLiteral("bench inbox passphrase");
    qint64 leads = 100000;
    QString measurePath;
    QString measureOrg;
    const QStringList args = QCoreApplication::arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--leads")) {
            leads = args.at(i + 1).toLongLong();
        } else if (args.at(i) == QLatin1String("--measure")) {
            measurePath = args.at(i + 1);
        } else if (args.at(i) == QLatin1String("--org")) {
            measureOrg = args.at(i + 1);
        }
    }
    if (!measurePath.isEmpty()) {
        return measure(measurePath, measureOrg, passphrase);
    }

    const QString base = qEnvironmentVariable("CALLSNARE_TEST_TMPDIR", QDir::tempPath());
    QTemporaryDir dir(base + QStringLiteral("/bench-inbox-XXXXXX"));
    const QString path = dir.filePath(QStringLiteral("bench.callsnare"));
    QString error;
    QString orgId;
    {
        auto profile = store::Profile::create(path, passphrase, &error);
        if (!profile) {
            std::fprintf(stderr, "profile: %s\n", qPrintable(error));
            return 1;
        }
        store::DemoImportReport report;
        if (!store::DemoImport(profile->database()).run(1, leads, &report, &error)) {
            std::fprintf(stderr, "import: %s\n", qPrintable(error));
            return 1;
        }
        orgId = report.orgId;
        std::printf("imported %lld demo leads in %.1f s\n", static_cast<long long>(report.leadsAdded),
                    static_cast<double>(report.elapsedMs) / 1000.0);
        std::fflush(stdout);
    }
    QProcess cold;
    cold.setProcessChannelMode(QProcess::ForwardedChannels);
    cold.start(QCoreApplication::applicationFilePath(),
               {QStringLiteral("--measure"), path, QStringLiteral("--org"), orgId});
    if (!cold.waitForFinished(-1) || cold.exitStatus() != QProcess::NormalExit) {
        std::fprintf(stderr, "the cold-start process did not finish: %s\n", qPrintable(cold.errorString()));
        return 1;
    }
    return cold.exitCode();
}
