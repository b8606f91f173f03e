// Secrets: password hashes, random tokens and their digests, all through libsodium.
//
// Passwords are hashed with argon2id and a per-hash salt; session ids and API tokens are
// 32 random bytes, and only their SHA-256 digest is stored, so a copy of the database lets
// nobody sign in. Comparisons of secrets take constant time.
//
// Thread safety: every function may be called from any thread (init() once first).
#pragma once

#include <string>
#include <string_view>

#include "util/result.h"

namespace seam::server {

// Initialises libsodium; Io error when the system offers no randomness.
Status init_crypto();

// argon2id with libsodium's "interactive" limits (about 64 MiB and a few tens of ms), as a
// self-describing string that holds its own parameters and salt.
Result<std::string> hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& hash);

// 32 random bytes as URL-safe base64 with a readable prefix ("seam_" for API tokens), so a
// leaked token is easy to recognise in logs and scanners.
std::string random_secret(std::string_view prefix = {});
// Lower-case hex SHA-256: what the store keeps of a secret.
std::string digest(std::string_view secret);
bool equal_secrets(std::string_view a, std::string_view b);

// Passwords shorter than this are refused when an account is created or changed.
inline constexpr size_t kMinPasswordLength = 10;

}  // namespace seam::server
