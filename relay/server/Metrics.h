#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace callsnare::relay {

// A monotonically increasing count; increment() is one relaxed atomic add.
class Counter {
public:
    void increment(std::uint64_t by = 1) { m_value.fetch_add(by, std::memory_order_relaxed); }
    std::uint64_t value() const { return m_value.load(std::memory_order_relaxed); }

private:
    std::atomic<std::uint64_t> m_value{0};
};

using MetricLabels = std::vector<std::pair<std::string, std::string>>;

// Observations in fixed latency buckets (seconds), lock-free.
class Histogram {
public:
    static constexpr std::array<double, 14> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                     0.1,    0.25,  0.5,    1.0,   2.5,  5.0,   10.0};

    void observe(double seconds);
    // Observations in bucket i (i == kBuckets.size(): above every bound).
    std::uint64_t bucketCount(std::size_t i) const { return m_buckets[i].load(std::memory_order_relaxed); }
    double sumSeconds() const
    {
        return static_cast<double>(m_sumNanos.load(std::memory_order_relaxed)) / 1e9;
    }

private:
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> m_buckets{}; // last: above every bound
    std::atomic<std::uint64_t> m_sumNanos{0};
};

// Per-route request statistics. Obtained once per route (at registration),
// so the hot path only touches atomics and one short critical section.
class RouteMetrics {
public:
    explicit RouteMetrics(std::string route) : m_route(std::move(route)) { }
    void observe(const std::string& method, int status, double seconds);
    const std::string& route() const { return m_route; }

private:
    friend class Metrics;
    std::string m_route;
    Histogram m_latency;
    mutable std::mutex m_mutex;
    std::map<std::pair<std::string, int>, std::uint64_t> m_requests; // (method, status) -> count
};

// The relay's metrics registry, rendered as Prometheus text format 0.0.4.
// Thread-safe. Objects returned by reference live as long as the registry.
class Metrics {
public:
    Metrics();

    // The request statistics of one route label (the registered path, or
    // "unmatched" for unknown paths so that scanners cannot grow the label set).
    RouteMetrics& route(const std::string& route);

    // A counter by name and labels; the same name and labels give the same counter.
    // Names follow Prometheus rules, e.g. callsnare_webhook_signature_failures_total.
    Counter& counter(const std::string& name, const std::string& help, const MetricLabels& labels = {});

    // A histogram by name (seconds, the buckets of Histogram); the same name
    // gives the same histogram.
    Histogram& histogram(const std::string& name, const std::string& help);

    // A gauge read at scrape time. Replaces an earlier callback of the same name;
    // removeGauge before whatever the callback reads goes away.
    void setGauge(const std::string& name, const std::string& help, std::function<double()> read);
    void removeGauge(const std::string& name);

    std::string render() const;

    // Methods outside the usual set are counted as "other" to bound label values.
    static std::string methodLabel(const std::string& method);
    static std::string escapeLabelValue(const std::string& value);

private:
    struct CounterFamily {
        std::string help;
        std::map<MetricLabels, std::unique_ptr<Counter>> series;
    };
    struct HistogramFamily {
        std::string help;
        std::unique_ptr<Histogram> histogram;
    };
    struct Gauge {
        std::string help;
        std::function<double()> read;
    };

    mutable std::mutex m_mutex;
    std::map<std::string, std::unique_ptr<RouteMetrics>> m_routes;
    std::map<std::string, CounterFamily> m_counters;
    std::map<std::string, HistogramFamily> m_histograms;
    std::map<std::string, Gauge> m_gauges;
};

} // namespace callsnare::relay
