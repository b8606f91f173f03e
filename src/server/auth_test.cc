#include "server/auth.h"

#include <gtest/gtest.h>

namespace seam::server {
namespace {

TEST(Auth, PasswordsAreHashedWithArgon2idAndVerified) {
  ASSERT_TRUE(init_crypto().ok());
  auto h = hash_password("a long enough password");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h.value().rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(h.value().find("a long enough password"), std::string::npos);
  EXPECT_TRUE(verify_password("a long enough password", h.value()));
  EXPECT_FALSE(verify_password("a long enough passwore", h.value()));
  EXPECT_NE(hash_password("a long enough password").value(), h.value());  // salted
  EXPECT_FALSE(hash_password("short").ok());
}

TEST(Auth, SecretsAreRandomAndStoredAsDigests) {
  ASSERT_TRUE(init_crypto().ok());
  const std::string a = random_secret("seam_"), b = random_secret("seam_");
  EXPECT_NE(a, b);
  EXPECT_EQ(a.rfind("seam_", 0), 0u);
  EXPECT_EQ(a.size(), 5u + 43u);  // 32 bytes in unpadded base64
  EXPECT_EQ(digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(equal_secrets(a, a));
  EXPECT_FALSE(equal_secrets(a, b));
  EXPECT_FALSE(equal_secrets(a, a.substr(1)));
}

}  // namespace
}  // namespace seam::server
