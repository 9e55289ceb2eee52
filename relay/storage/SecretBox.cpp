#include "relay/storage/SecretBox.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Path.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace callsnare::relay {

namespace {

constexpr std::string_view kPrefix = "v1:";
constexpr int kNonceSize = 12;
constexpr int kTagSize = 16;

std::string toBase64(const unsigned char* data, std::size_t size)
{
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    encoder.close();
    return out.str();
}

bool fromBase64(std::string_view text, std::string& bytes)
{
    try {
        std::istringstream in{std::string(text)};
        Poco::Base64Decoder decoder(in);
        bytes.clear();
        char buffer[64];
        while (decoder.read(buffer, sizeof buffer) || decoder.gcount() > 0) {
            bytes.append(buffer, static_cast<std::size_t>(decoder.gcount()));
        }
        return !decoder.bad();
    } catch (...) {
        return false;
    }
}

std::string trimmed(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
        text.pop_back();
    }
    return text;
}

struct CipherContextFree {
    void operator()(EVP_CIPHER_CTX* context) const { EVP_CIPHER_CTX_free(context); }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, CipherContextFree>;

domain::Error unsealFailed()
{
    return domain::makeError(
        "secret_unseal_failed",
        "A stored carrier secret could not be unsealed (wrong secrets key, or altered data).");
}

bool writeAll(int fd, const std::string& text)
{
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        written += static_cast<std::size_t>(n);
    }
    return true;
}

domain::Result<std::string> readKeyFile(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return domain::makeError("secrets_key_unreadable",
                                 "Cannot read the secrets key " + path + ": " + std::strerror(errno) + ".");
    }
    struct stat info { };
    if (::fstat(fd, &info) != 0 || (info.st_mode & 077) != 0) {
        ::close(fd);
        return domain::makeError("secrets_key_exposed",
                                 "The secrets key " + path
                                     + " is readable by other users; run chmod 600 on it.");
    }
    std::string text;
    char buffer[256];
    ssize_t n = 0;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0) {
        text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return trimmed(text);
}

// Creates the key file atomically: written to a private temporary file, then
// linked into place, so two processes starting at once agree on one key.
domain::Result<std::string> createKeyFile(const std::string& path)
{
    const std::string temporary = path + ".tmp." + std::to_string(::getpid());
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        return domain::makeError("secrets_key_unwritable",
                                 "Cannot create the secrets key " + path + ": " + std::strerror(errno) + ".");
    }
    const std::string key = SecretBox::generateBase64Key();
    const bool ok = writeAll(fd, key + "\n") && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) {
        ::unlink(temporary.c_str());
        return domain::makeError("secrets_key_unwritable", "Cannot write the secrets key " + path + ".");
    }
    const int linked = ::link(temporary.c_str(), path.c_str());
    const int linkError = errno;
    ::unlink(temporary.c_str());
    if (linked != 0 && linkError != EEXIST) {
        return domain::makeError("secrets_key_unwritable",
                                 "Cannot create the secrets key " + path + ": " + std::strerror(linkError)
                                     + ".");
    }
    return readKeyFile(path);
}

} // namespace

SecretBox::~SecretBox()
{
    OPENSSL_cleanse(m_key.data(), m_key.size());
}

std::string SecretBox::generateBase64Key()
{
    Key key{};
    if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1) {
        std::abort(); // no randomness: nothing safe can be done
    }
    std::string text = toBase64(key.data(), key.size());
    OPENSSL_cleanse(key.data(), key.size());
    return text;
}

domain::Result<SecretBox> SecretBox::fromBase64Key(std::string_view base64Key)
{
    std::string bytes;
    if (!fromBase64(trimmed(std::string(base64Key)), bytes) || bytes.size() != Key{}.size()) {
        OPENSSL_cleanse(bytes.data(), bytes.size());
        return domain::makeError("secrets_key_invalid", "The secrets key must be 32 bytes, base64-encoded.");
    }
    Key key{};
    std::memcpy(key.data(), bytes.data(), key.size());
    OPENSSL_cleanse(bytes.data(), bytes.size());
    SecretBox box(key);
    OPENSSL_cleanse(key.data(), key.size());
    return box;
}

domain::Result<SecretBox> SecretBox::load(const std::string& dataDir)
{
    if (const char* fromEnvironment = std::getenv(std::string(kKeyEnvironmentVariable).c_str());
        fromEnvironment != nullptr && *fromEnvironment != '\0') {
        return fromBase64Key(fromEnvironment);
    }
    if (dataDir.empty()) {
        return domain::makeError("secrets_key_missing",
                                 "No secrets key: set " + std::string(kKeyEnvironmentVariable)
                                     + " or give a data directory (--data-dir).");
    }
    const std::string path
        = Poco::Path(dataDir).makeDirectory().setFileName(std::string(kKeyFileName)).toString();
    auto text = ::access(path.c_str(), F_OK) == 0 ? readKeyFile(path) : createKeyFile(path);
    if (!text) {
        return text.error();
    }
    auto box = fromBase64Key(text.value());
    OPENSSL_cleanse(text.value().data(), text.value().size());
    return box;
}

domain::Result<std::string> SecretBox::seal(std::string_view plaintext, std::string_view context) const
{
    std::string out(static_cast<std::size_t>(kNonceSize) + plaintext.size() + kTagSize, '\0');
    auto* bytes = reinterpret_cast<unsigned char*>(out.data());
    CipherContext cipher(EVP_CIPHER_CTX_new());
    int length = 0;
    const bool ok = cipher && RAND_bytes(bytes, kNonceSize) == 1
        && EVP_EncryptInit_ex(cipher.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1
        && EVP_CIPHER_CTX_ctrl(cipher.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceSize, nullptr) == 1
        && EVP_EncryptInit_ex(cipher.get(), nullptr, nullptr, m_key.data(), bytes) == 1
        && EVP_EncryptUpdate(cipher.get(), nullptr, &length,
                             reinterpret_cast<const unsigned char*>(context.data()),
                             static_cast<int>(context.size()))
            == 1
        && EVP_EncryptUpdate(cipher.get(), bytes + kNonceSize, &length,
                             reinterpret_cast<const unsigned char*>(plaintext.data()),
                             static_cast<int>(plaintext.size()))
            == 1
        && EVP_EncryptFinal_ex(cipher.get(), bytes + kNonceSize + length, &length) == 1
        && EVP_CIPHER_CTX_ctrl(cipher.get(), EVP_CTRL_GCM_GET_TAG, kTagSize,
                               bytes + kNonceSize + static_cast<std::ptrdiff_t>(plaintext.size()))
            == 1;
    if (!ok) {
        OPENSSL_cleanse(out.data(), out.size());
        return domain::makeError("secret_seal_failed", "A carrier secret could not be sealed.");
    }
    std::string sealed = std::string(kPrefix) + toBase64(bytes, out.size());
    OPENSSL_cleanse(out.data(), out.size());
    return sealed;
}

domain::Result<std::string> SecretBox::unseal(std::string_view sealed, std::string_view context) const
{
    std::string raw;
    if (!sealed.starts_with(kPrefix) || !fromBase64(sealed.substr(kPrefix.size()), raw)
        || raw.size() < static_cast<std::size_t>(kNonceSize + kTagSize)) {
        return unsealFailed();
    }
    auto* bytes = reinterpret_cast<unsigned char*>(raw.data());
    const std::size_t cipherSize = raw.size() - static_cast<std::size_t>(kNonceSize + kTagSize);
    std::string plain(cipherSize, '\0');
    CipherContext cipher(EVP_CIPHER_CTX_new());
    int length = 0;
    const bool ok = cipher
        && EVP_DecryptInit_ex(cipher.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1
        && EVP_CIPHER_CTX_ctrl(cipher.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceSize, nullptr) == 1
        && EVP_DecryptInit_ex(cipher.get(), nullptr, nullptr, m_key.data(), bytes) == 1
        && EVP_DecryptUpdate(cipher.get(), nullptr, &length,
                             reinterpret_cast<const unsigned char*>(context.data()),
                             static_cast<int>(context.size()))
            == 1
        && EVP_DecryptUpdate(cipher.get(), reinterpret_cast<unsigned char*>(plain.data()), &length,
                             bytes + kNonceSize, static_cast<int>(cipherSize))
            == 1
        && EVP_CIPHER_CTX_ctrl(cipher.get(), EVP_CTRL_GCM_SET_TAG, kTagSize,
                               bytes + kNonceSize + static_cast<std::ptrdiff_t>(cipherSize))
            == 1
        && EVP_DecryptFinal_ex(cipher.get(), reinterpret_cast<unsigned char*>(plain.data()) + length, &length)
            == 1;
    if (!ok) {
        OPENSSL_cleanse(plain.data(), plain.size());
        return unsealFailed();
    }
    return plain;
}

} // namespace callsnare::relay
