#include "relay/server/Metrics.h"

#include <QRegularExpression>
#include <QStringList>
#include <QTest>

#include <thread>
#include <vector>

using namespace callsnare::relay;

class TestMetrics : public QObject {
    Q_OBJECT

private:
    static QStringList lines(const Metrics& metrics)
    {
        return QString::fromStdString(metrics.render()).split('\n', Qt::SkipEmptyParts);
    }

    // The value of the one sample line that starts with prefix; -1 when absent.
    static double sample(const Metrics& metrics, const QString& prefix)
    {
        for (const QString& line : lines(metrics)) {
            if (line.startsWith(prefix + ' '))
                return line.mid(prefix.size() + 1).toDouble();
        }
        return -1;
    }

private slots:
    void requestCounterByRouteMethodStatus()
    {
        Metrics metrics;
        RouteMetrics& health = metrics.route("/healthz");
        health.observe("GET", 200, 0.0002);
        health.observe("GET", 200, 0.003);
        health.observe("POST", 405, 0.0001);
        QCOMPARE(
            sample(metrics, R"(callsnare_http_requests_total{route="/healthz",method="GET",status="200"})"),
            2.0);
        QCOMPARE(
            sample(metrics, R"(callsnare_http_requests_total{route="/healthz",method="POST",status="405"})"),
            1.0);
        QVERIFY(lines(metrics).contains("# TYPE callsnare_http_requests_total counter"));
    }

    void histogramIsCumulative()
    {
        Metrics metrics;
        RouteMetrics& route = metrics.route("/v1/x");
        route.observe("POST", 200, 0.0004); // <= 0.0005
        route.observe("POST", 200, 0.004); // <= 0.005
        route.observe("POST", 200, 0.004);
        route.observe("POST", 200, 42.0); // above every bound
        const QString bucket = R"(callsnare_http_request_duration_seconds_bucket{route="/v1/x",le="%1"})";
        QCOMPARE(sample(metrics, bucket.arg("0.0005")), 1.0);
        QCOMPARE(sample(metrics, bucket.arg("0.005")), 3.0);
        QCOMPARE(sample(metrics, bucket.arg("10")), 3.0);
        QCOMPARE(sample(metrics, bucket.arg("+Inf")), 4.0);
        QCOMPARE(sample(metrics, R"(callsnare_http_request_duration_seconds_count{route="/v1/x"})"), 4.0);
        const double sum = sample(metrics, R"(callsnare_http_request_duration_seconds_sum{route="/v1/x"})");
        QVERIFY2(qAbs(sum - 42.0084) < 1e-6, qPrintable(QString::number(sum)));
        QVERIFY(lines(metrics).contains("# TYPE callsnare_http_request_duration_seconds histogram"));
    }

    void bucketBoundsAscend()
    {
        for (std::size_t i = 1; i < Histogram::kBuckets.size(); ++i)
            QVERIFY(Histogram::kBuckets[i - 1] < Histogram::kBuckets[i]);
    }

    void registeredCounters()
    {
        Metrics metrics;
        Counter& failures = metrics.counter("callsnare_webhook_signature_failures_total",
                                            "Carrier webhooks refused for a bad signature.");
        failures.increment();
        failures.increment(2);
        // The same name and labels give the same counter.
        QCOMPARE(&metrics.counter("callsnare_webhook_signature_failures_total", "ignored"), &failures);

        metrics.counter("callsnare_webhooks_total", "Webhooks by carrier.", {{"carrier", "twilio"}})
            .increment();
        metrics.counter("callsnare_webhooks_total", "Webhooks by carrier.", {{"carrier", "telnyx"}});

        const QStringList text = lines(metrics);
        QVERIFY(
            text.contains("# HELP callsnare_webhook_signature_failures_total Carrier webhooks refused for a "
                          "bad signature."));
        QVERIFY(text.contains("# TYPE callsnare_webhook_signature_failures_total counter"));
        QVERIFY(text.contains("callsnare_webhook_signature_failures_total 3"));
        QVERIFY(text.contains(R"(callsnare_webhooks_total{carrier="twilio"} 1)"));
        QVERIFY(text.contains(R"(callsnare_webhooks_total{carrier="telnyx"} 0)"));
        QCOMPARE(text.count("# TYPE callsnare_webhooks_total counter"), 1);
    }

    void gauges()
    {
        Metrics metrics;
        int depth = 3;
        metrics.setGauge("callsnare_http_queue_depth", "Waiting connections.",
                         [&depth] { return double(depth); });
        QVERIFY(lines(metrics).contains("# TYPE callsnare_http_queue_depth gauge"));
        QCOMPARE(sample(metrics, "callsnare_http_queue_depth"), 3.0);
        depth = 7;
        QCOMPARE(sample(metrics, "callsnare_http_queue_depth"), 7.0);
        metrics.removeGauge("callsnare_http_queue_depth");
        QCOMPARE(sample(metrics, "callsnare_http_queue_depth"), -1.0);
    }

    void labelValuesAreEscaped()
    {
        QCOMPARE(Metrics::escapeLabelValue("a\"b\\c\nd"), std::string("a\\\"b\\\\c\\nd"));
        Metrics metrics;
        metrics.route("/odd\"path").observe("GET", 200, 0.001);
        QVERIFY(metrics.render().find("route=\"/odd\\\"path\"") != std::string::npos);
    }

    void unusualMethodsShareOneLabel()
    {
        QCOMPARE(Metrics::methodLabel("GET"), std::string("GET"));
        QCOMPARE(Metrics::methodLabel("BREW"), std::string("other"));
        QCOMPARE(Metrics::methodLabel("get"), std::string("other"));
    }

    void everyLineIsWellFormed()
    {
        Metrics metrics;
        metrics.route("/healthz").observe("GET", 200, 0.01);
        metrics.counter("callsnare_x_total", "X.").increment();
        metrics.setGauge("callsnare_y", "Y.", [] { return 1.5; });
        // name{labels} value, or a HELP/TYPE comment; the text ends with a newline.
        const QString label = QStringLiteral("[a-zA-Z_]\\w*=\"(?:[^\"\\\\]|\\\\.)*\"");
        const QRegularExpression sampleLine(
            QStringLiteral("^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{%1(,%1)*\\})? \\S+$").arg(label));
        const std::string text = metrics.render();
        QVERIFY(text.ends_with('\n'));
        for (const QString& line : lines(metrics)) {
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE "))
                continue;
            QVERIFY2(sampleLine.match(line).hasMatch(), qPrintable(line));
        }
    }

    void concurrentObservations()
    {
        Metrics metrics;
        RouteMetrics& route = metrics.route("/busy");
        Counter& counter = metrics.counter("callsnare_busy_total", "Busy.");
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&] {
                for (int i = 0; i < 5000; ++i) {
                    route.observe("POST", 200, 0.001);
                    counter.increment();
                }
            });
        }
        for (int i = 0; i < 20; ++i)
            (void)metrics.render(); // scrapes while writers run must not crash or deadlock
        for (auto& thread : threads)
            thread.join();
        QCOMPARE(
            sample(metrics, R"(callsnare_http_requests_total{route="/busy",method="POST",status="200"})"),
            20000.0);
        QCOMPARE(sample(metrics, "callsnare_busy_total"), 20000.0);
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
