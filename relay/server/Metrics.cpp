#include "relay/server/Metrics.h"

#include <array>
#include <charconv>
#include <cmath>
#include <sstream>

namespace callsnare::relay {

namespace {

void appendNumber(std::ostringstream& out, double value)
{
    if (std::isnan(value))
        out << "NaN";
    else if (std::isinf(value))
        out << (value > 0 ? "+Inf" : "-Inf");
    else {
        // Shortest text that reads back as the same double: "0.0005", not "0.00050000000000000001".
        std::array<char, 32> buffer{};
        const auto result
            = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::general);
        out.write(buffer.data(), result.ptr - buffer.data());
    }
}

std::string labelText(const MetricLabels& labels)
{
    if (labels.empty())
        return {};
    std::string text = "{";
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (i > 0)
            text += ',';
        text += labels[i].first + "=\"" + Metrics::escapeLabelValue(labels[i].second) + '"';
    }
    return text + '}';
}

std::string escapeHelp(const std::string& help)
{
    std::string out;
    for (const char c : help) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

// One histogram's series; `labels` is empty or ends with a comma.
void renderHistogram(std::ostringstream& out, const std::string& name, const std::string& labels,
                     const Histogram& histogram)
{
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < Histogram::kBuckets.size(); ++i) {
        cumulative += histogram.bucketCount(i);
        out << name << "_bucket{" << labels << "le=\"";
        appendNumber(out, Histogram::kBuckets[i]);
        out << "\"} " << cumulative << '\n';
    }
    cumulative += histogram.bucketCount(Histogram::kBuckets.size());
    // Read after the buckets: concurrent observations may make _count lag
    // +Inf for an instant, never the reverse order that would break monotonicity.
    out << name << "_bucket{" << labels << "le=\"+Inf\"} " << cumulative << '\n';
    const std::string plain
        = labels.empty() ? std::string() : "{" + labels.substr(0, labels.size() - 1) + "}";
    out << name << "_sum" << plain << ' ';
    appendNumber(out, histogram.sumSeconds());
    out << '\n' << name << "_count" << plain << ' ' << cumulative << '\n';
}

} // namespace

void Histogram::observe(double seconds)
{
    std::size_t bucket = 0;
    while (bucket < kBuckets.size() && seconds > kBuckets[bucket])
        ++bucket;
    m_buckets[bucket].fetch_add(1, std::memory_order_relaxed);
    const double nanos = seconds > 0 ? seconds * 1e9 : 0.0;
    m_sumNanos.fetch_add(static_cast<std::uint64_t>(nanos), std::memory_order_relaxed);
}

void RouteMetrics::observe(const std::string& method, int status, double seconds)
{
    m_latency.observe(seconds);
    const std::lock_guard lock(m_mutex);
    ++m_requests[{Metrics::methodLabel(method), status}];
}

Metrics::Metrics() = default;

RouteMetrics& Metrics::route(const std::string& route)
{
    const std::lock_guard lock(m_mutex);
    auto& slot = m_routes[route];
    if (!slot)
        slot = std::make_unique<RouteMetrics>(route);
    return *slot;
}

Counter& Metrics::counter(const std::string& name, const std::string& help, const MetricLabels& labels)
{
    const std::lock_guard lock(m_mutex);
    CounterFamily& family = m_counters[name];
    if (family.help.empty())
        family.help = help;
    auto& slot = family.series[labels];
    if (!slot)
        slot = std::make_unique<Counter>();
    return *slot;
}

Histogram& Metrics::histogram(const std::string& name, const std::string& help)
{
    const std::lock_guard lock(m_mutex);
    HistogramFamily& family = m_histograms[name];
    if (!family.histogram) {
        family.help = help;
        family.histogram = std::make_unique<Histogram>();
    }
    return *family.histogram;
}

void Metrics::setGauge(const std::string& name, const std::string& help, std::function<double()> read)
{
    const std::lock_guard lock(m_mutex);
    m_gauges[name] = Gauge{help, std::move(read)};
}

void Metrics::removeGauge(const std::string& name)
{
    const std::lock_guard lock(m_mutex);
    m_gauges.erase(name);
}

std::string Metrics::methodLabel(const std::string& method)
{
    static const char* const known[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    for (const char* candidate : known) {
        if (method == candidate)
            return method;
    }
    return "other";
}

std::string Metrics::escapeLabelValue(const std::string& value)
{
    std::string out;
    for (const char c : value) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::string Metrics::render() const
{
    std::ostringstream out;
    const std::lock_guard lock(m_mutex);

    out << "# HELP callsnare_http_requests_total HTTP requests answered, by route, method and status.\n"
        << "# TYPE callsnare_http_requests_total counter\n";
    for (const auto& [name, route] : m_routes) {
        const std::lock_guard routeLock(route->m_mutex);
        for (const auto& [key, count] : route->m_requests) {
            out << "callsnare_http_requests_total"
                << labelText({{"route", name}, {"method", key.first}, {"status", std::to_string(key.second)}})
                << ' ' << count << '\n';
        }
    }

    out << "# HELP callsnare_http_request_duration_seconds Time from routing a request to its handler's "
           "return.\n"
        << "# TYPE callsnare_http_request_duration_seconds histogram\n";
    for (const auto& [name, route] : m_routes)
        renderHistogram(out, "callsnare_http_request_duration_seconds",
                        "route=\"" + escapeLabelValue(name) + "\",", route->m_latency);

    for (const auto& [name, family] : m_histograms) {
        out << "# HELP " << name << ' ' << escapeHelp(family.help) << '\n'
            << "# TYPE " << name << " histogram\n";
        renderHistogram(out, name, "", *family.histogram);
    }

    for (const auto& [name, family] : m_counters) {
        out << "# HELP " << name << ' ' << escapeHelp(family.help) << '\n'
            << "# TYPE " << name << " counter\n";
        for (const auto& [labels, series] : family.series)
            out << name << labelText(labels) << ' ' << series->value() << '\n';
    }

    for (const auto& [name, gauge] : m_gauges) {
        out << "# HELP " << name << ' ' << escapeHelp(gauge.help) << '\n' << "# TYPE " << name << " gauge\n";
        out << name << ' ';
        appendNumber(out, gauge.read ? gauge.read() : 0.0);
        out << '\n';
    }
    return out.str();
}

} // namespace callsnare::relay
