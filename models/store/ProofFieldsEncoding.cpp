#include "store/ProofFieldsEncoding.h"

#include <algorithm>
#include <cstdint>
#include <string_view>

namespace callsnare::store {

namespace {

void appendU64(QByteArray& out, std::uint64_t value)
{
    for (int shift = 56; shift >= 0; shift -= 8) {
        out.append(static_cast<char>((value >> shift) & 0xffU));
    }
}

void appendString(QByteArray& out, std::string_view text)
{
    appendU64(out, text.size());
    out.append(text.data(), static_cast<qsizetype>(text.size()));
}

// Reads forward through the bytes; every read checks what is left first.
class Reader {
public:
    explicit Reader(const QByteArray& bytes) : m_bytes(bytes) { }

    std::uint64_t remaining() const { return static_cast<std::uint64_t>(m_bytes.size() - m_position); }

    bool readU64(std::uint64_t* value)
    {
        if (remaining() < 8) {
            return false;
        }
        std::uint64_t result = 0;
        for (int i = 0; i < 8; ++i) {
            result = (result << 8) | static_cast<unsigned char>(m_bytes.at(m_position++));
        }
        *value = result;
        return true;
    }

    bool readString(std::string* text)
    {
        std::uint64_t length = 0;
        if (!readU64(&length) || length > remaining()) {
            return false;
        }
        text->assign(m_bytes.constData() + m_position, static_cast<std::size_t>(length));
        m_position += static_cast<qsizetype>(length);
        return true;
    }

private:
    const QByteArray& m_bytes;
    qsizetype m_position = 0;
};

} // namespace

QByteArray encodeProofFields(const std::vector<std::pair<std::string, std::string>>& fields)
{
    std::vector<const std::pair<std::string, std::string>*> sorted;
    sorted.reserve(fields.size());
    for (const auto& field : fields) {
        sorted.push_back(&field);
    }
    // std::string orders bytes as unsigned char: the ledger's bytewise order.
    std::sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) { return *a < *b; });

    QByteArray out;
    appendU64(out, sorted.size());
    for (const auto* field : sorted) {
        appendString(out, field->first);
        appendString(out, field->second);
    }
    return out;
}

bool decodeProofFields(const QByteArray& bytes, std::vector<std::pair<std::string, std::string>>* fields,
                       QString* error)
{
    fields->clear();
    const auto refuse = [&](const QString& why) {
        fields->clear();
        if (error) {
            *error = why;
        }
        return false;
    };
    Reader reader(bytes);
    std::uint64_t count = 0;
    if (!reader.readU64(&count)) {
        return refuse(QStringLiteral("The proof fields are too short to hold their count."));
    }
    // Each field takes at least 16 bytes: a count past that cannot be real.
    if (count > reader.remaining() / 16) {
        return refuse(
            QStringLiteral("The proof fields claim %1 fields in %2 bytes.").arg(count).arg(bytes.size()));
    }
    for (std::uint64_t i = 0; i < count; ++i) {
        std::pair<std::string, std::string> field;
        if (!reader.readString(&field.first) || !reader.readString(&field.second)) {
            return refuse(QStringLiteral("Proof field %1 runs past the end of the stored bytes.").arg(i));
        }
        fields->push_back(std::move(field));
    }
    if (reader.remaining() != 0) {
        return refuse(
            QStringLiteral("The proof fields end with %1 unexplained bytes.").arg(reader.remaining()));
    }
    return true;
}

} // namespace callsnare::store
