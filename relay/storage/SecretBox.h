#pragma once

#include "domain/Result.h"

#include <array>
#include <string>
#include <string_view>

namespace callsnare::relay {

// Seals carrier secrets (auth tokens) at rest, so a database dump alone
// reveals nothing:
//
// - AES-256-GCM with a 32-byte key that never enters the database. A fresh
//   random 96-bit nonce per seal; the sealed text is
//   "v1:" + base64(nonce || ciphertext || 16-byte tag).
// - The organization id is bound in as associated data: a sealed token copied
//   into another organization's row does not unseal.
// - The key comes from CALLSNARE_RELAY_SECRETS_KEY (base64 of 32 bytes; what
//   PostgreSQL deployments with several replicas give every replica), else
//   from the file relay-secrets.key in the data directory, created on first
//   use with mode 0600 (base64 text, so it can be moved into the variable).
//   A key file readable by group or others is refused.
// - Back the key up separately from the database: without it the stored
//   tokens are lost and must be set again (admin org create / carrier update).
// - Unsealed tokens live only in memory, for signature checks and sends.
class SecretBox {
public:
    static constexpr std::string_view kKeyEnvironmentVariable = "CALLSNARE_RELAY_SECRETS_KEY";
    static constexpr std::string_view kKeyFileName = "relay-secrets.key";

    // The key from the environment, else from (or newly into) the key file in
    // `dataDir`. An empty dataDir without the variable is an error.
    static domain::Result<SecretBox> load(const std::string& dataDir);
    static domain::Result<SecretBox> fromBase64Key(std::string_view base64Key);
    // A new random key, base64 (for tests and for operators setting the variable).
    static std::string generateBase64Key();

    SecretBox(const SecretBox& other) = default;
    SecretBox& operator=(const SecretBox& other) = default;
    ~SecretBox();

    domain::Result<std::string> seal(std::string_view plaintext, std::string_view context) const;
    // Fails cleanly ("secret_unseal_failed") for a wrong key, a wrong context
    // or altered text; never returns partial plaintext.
    domain::Result<std::string> unseal(std::string_view sealed, std::string_view context) const;

private:
    using Key = std::array<unsigned char, 32>;
    explicit SecretBox(const Key& key) : m_key(key) { }

    Key m_key{};
};

} // namespace callsnare::relay
